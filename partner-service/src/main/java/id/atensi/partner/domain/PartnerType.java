package id.atensi.partner.domain;

/** What kind of organisation a partner is; only an LKS carries an accreditation. */
public enum PartnerType {
    LKS,
    CSR_COMPANY,
    STATE_OWNED_COMPANY,
    GOVERNMENT_BODY,
    UNIVERSITY,
    COMMUNITY,
    OTHER
}
