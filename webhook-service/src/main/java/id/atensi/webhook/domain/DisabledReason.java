package id.atensi.webhook.domain;

/** Why an endpoint stopped receiving deliveries. */
public enum DisabledReason {
    /** Its owner or an admin disabled it. */
    MANUAL,
    /** The receiver answered 410 Gone: it says it will never take deliveries again. */
    GONE,
    /** Its deliveries failed, with no success in between, for longer than the configured period (5 days). */
    FAILING
}
