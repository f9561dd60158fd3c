package id.atensi.outbound;

import java.time.Duration;
import java.util.Optional;

/**
 * What became of one request: an HTTP answer (any status), or why there was none.
 *
 * @param outcome     {@link Outcome#ANSWERED} when a status line arrived
 * @param status      the HTTP status, 0 without an answer
 * @param retryAfter  the answer's {@code Retry-After} (seconds or an HTTP date), when it had one
 * @param excerpt     the start of the response body, at most the configured number of bytes, as UTF-8 text
 * @param latency     from the request's start to its end (answer read, failure or deadline)
 * @param detail      why there was no answer (refused address, timeout, connection error), empty otherwise
 */
public record OutboundResult(Outcome outcome, int status, Optional<String> retryAfter, String excerpt, Duration latency,
                             String detail) {

    public enum Outcome {
        /** The target answered; its status says whether it took the request. */
        ANSWERED,
        /** The URL, its scheme or its resolved address is not allowed: nothing was sent. */
        REFUSED,
        /** The name did not resolve or the connection failed or broke off. */
        UNREACHABLE,
        /** No complete answer within the timeout; the request was abandoned. */
        TIMED_OUT,
        /** The target already has its limit of requests in flight: nothing was sent, try later. */
        BUSY
    }

    public boolean successful() {
        return outcome == Outcome.ANSWERED && status >= 200 && status < 300;
    }

    static OutboundResult without(Outcome outcome, Duration latency, String detail) {
        return new OutboundResult(outcome, 0, Optional.empty(), "", latency, detail);
    }
}
