package id.atensi.partner.domain;

public enum PartnerStatus {
    ACTIVE,
    INACTIVE
}
