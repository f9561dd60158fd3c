package id.atensi.partner.domain;

public enum PartyRole {
    FIRST_PARTY,
    SECOND_PARTY,
    WITNESS
}
