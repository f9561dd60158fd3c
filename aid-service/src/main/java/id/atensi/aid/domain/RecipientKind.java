package id.atensi.aid.domain;

/** Who a distribution goes to. */
public enum RecipientKind {
    PERSON, HOUSEHOLD, COMMUNITY_GROUP
}
