package id.atensi.beneficiary.domain;

/** PPKS target clusters (DOMAIN.md). */
public enum Cluster {
    CHILDREN,
    DISABILITY,
    ELDERLY,
    SUBSTANCE_ABUSE_VICTIM,
    SOCIAL_EXCLUSION,
    TRAFFICKING_VICTIM,
    DISASTER_AFFECTED
}
