package id.atensi.beneficiary.registry.service;

/** The organisation calling: its OAuth2 client id (the header's sender_id must be this) and its roles, for the audit trail. */
public record Requester(String clientId, String roles) {
}
