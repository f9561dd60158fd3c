package id.atensi.partner.domain;

/** ATENSI's seven direct services, which an agreement's scope names. */
public enum AtensiService {
    DECENT_LIFE_SUPPORT,
    SOCIAL_AND_CHILD_CARE,
    FAMILY_SUPPORT,
    THERAPY,
    VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP,
    SOCIAL_AID_AND_ASSISTANCE,
    ACCESSIBILITY_SUPPORT
}
