package id.atensi.webhook.rest;

import id.atensi.webhook.domain.DeliveryAttempt;
import id.atensi.webhook.service.DeliveryQueries;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

@Schema(description = "A delivery with every attempt")
public record DeliveryResponse(DeliverySummary delivery, List<Attempt> attempts) {

    @Schema(description = "One request: when, what came back, how long it took, and the start of the answer")
    public record Attempt(
            int attempt,
            OffsetDateTime attemptedAt,
            @Schema(description = "ANSWERED (see statusCode), REFUSED (address not allowed, nothing sent), UNREACHABLE or TIMED_OUT")
            String outcome,
            Integer statusCode,
            long latencyMs,
            @Schema(description = "The first bytes of the receiver's answer (at most 1 KiB by default)")
            String responseExcerpt,
            String detail) {

        static Attempt of(DeliveryAttempt attempt) {
            return new Attempt(attempt.attempt, attempt.attemptedAt, attempt.outcome, attempt.statusCode, attempt.latencyMs,
                    attempt.responseExcerpt, attempt.detail);
        }
    }

    static DeliveryResponse of(DeliveryQueries.Logged logged) {
        return new DeliveryResponse(DeliverySummary.of(logged.delivery()), logged.attempts().stream().map(Attempt::of).toList());
    }
}
