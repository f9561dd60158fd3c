package id.atensi.webhook.domain;

/** Whether an endpoint receives deliveries. */
public enum EndpointStatus {
    ENABLED,
    DISABLED
}
