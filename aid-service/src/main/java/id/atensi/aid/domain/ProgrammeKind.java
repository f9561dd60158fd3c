package id.atensi.aid.domain;

/** The kind of an aid programme. */
public enum ProgrammeKind {
    ATENSI_ASSISTANCE, SOCIAL_AID, EMERGENCY
}
