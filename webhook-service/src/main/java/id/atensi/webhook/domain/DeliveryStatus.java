package id.atensi.webhook.domain;

/** Where one event's delivery to one endpoint stands. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (or for an earlier event of the same aggregate to be delivered first). */
    PENDING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** Every attempt of the schedule failed, or the endpoint answered 410; a replay makes it pending again. */
    FAILED
}
