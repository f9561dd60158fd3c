package id.atensi.beneficiary.domain;

/** ATENSI's seven direct services, against which an assessment records needs. */
public enum AtensiService {
    DECENT_LIFE_SUPPORT,
    SOCIAL_AND_CHILD_CARE,
    FAMILY_SUPPORT,
    THERAPY,
    VOCATIONAL_AND_ENTREPRENEURSHIP,
    SOCIAL_AID,
    ACCESSIBILITY_SUPPORT
}
