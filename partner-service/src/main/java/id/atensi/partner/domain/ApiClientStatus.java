package id.atensi.partner.domain;

/** Whether a partner's API client may take tokens. A disabled client stays disabled: a new one is registered instead. */
public enum ApiClientStatus {
    ACTIVE,
    DISABLED
}
