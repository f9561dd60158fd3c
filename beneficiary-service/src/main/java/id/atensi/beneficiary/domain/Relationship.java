package id.atensi.beneficiary.domain;

/** A household member's relationship to the head of the family, as on the KK. */
public enum Relationship {
    HEAD,
    SPOUSE,
    CHILD,
    PARENT,
    SIBLING,
    GRANDCHILD,
    OTHER_RELATIVE,
    OTHER
}
