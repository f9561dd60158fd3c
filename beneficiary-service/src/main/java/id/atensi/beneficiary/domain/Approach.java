package id.atensi.beneficiary.domain;

/** Rehabilitation approach: in the family, in the community, or as a resident of a Balai/Sentra. */
public enum Approach {
    FAMILY,
    COMMUNITY,
    RESIDENTIAL
}
