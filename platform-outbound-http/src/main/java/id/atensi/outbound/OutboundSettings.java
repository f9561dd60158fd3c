package id.atensi.outbound;

import java.time.Duration;

/**
 * How requests to partner-named addresses behave.
 *
 * @param policy                which addresses may be reached
 * @param allowPlainHttp        whether {@code http://} URLs are accepted (local runs and tests); otherwise HTTPS only
 * @param timeout               the whole request, connection to last byte read: 10 s by the platform's rule
 * @param maxResponseBytes      how much of a response body is read; the rest is dropped and the connection closed
 * @param maxConcurrentPerTarget requests in flight to one target at once, so that a slow target holds only its own share
 */
public record OutboundSettings(AddressPolicy policy, boolean allowPlainHttp, Duration timeout, int maxResponseBytes,
                               int maxConcurrentPerTarget) {

    public OutboundSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxResponseBytes < 0 || maxConcurrentPerTarget < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be 0 or more and maxConcurrentPerTarget 1 or more");
        }
    }

    /** The platform's defaults: strict addresses, HTTPS only, 10 s, 4 KiB read, 4 requests per target. */
    public static OutboundSettings defaults() {
        return new OutboundSettings(AddressPolicy.strict(), false, Duration.ofSeconds(10), 4096, 4);
    }
}
