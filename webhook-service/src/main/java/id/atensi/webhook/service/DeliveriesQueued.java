package id.atensi.webhook.service;

/** Fired when deliveries became due; observed after the commit, so the dispatcher looks at once instead of at its next poll. */
public record DeliveriesQueued() {
}
