package id.atensi.partner.domain;

public enum CommitmentKind {
    MONEY,
    IN_KIND
}
