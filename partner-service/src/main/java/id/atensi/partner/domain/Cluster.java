package id.atensi.partner.domain;

/** ATENSI's target clusters, which partners, units and agreements serve. */
public enum Cluster {
    CHILDREN,
    PERSONS_WITH_DISABILITIES,
    ELDERLY,
    SUBSTANCE_ABUSE_VICTIMS,
    SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS
}
