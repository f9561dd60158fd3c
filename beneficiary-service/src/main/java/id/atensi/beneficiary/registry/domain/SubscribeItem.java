package id.atensi.beneficiary.registry.domain;

import com.fasterxml.jackson.databind.JsonNode;
import id.atensi.vocabulary.ConsentPurpose;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * One request of a subscribe message, read: which events ({@code REGISTER}: people newly registered; {@code UPDATE}:
 * changes to a registered person's record or case status), which people (the filter, an expression or predicate query
 * as a search takes), the purpose declared, the window in which notifications are wanted and, when asked for, the
 * times at which they go out together ({@link NoticeFrequency}). A request the registry
 * cannot take says why in {@link #refusal}, so that the others of the message are still taken.
 */
public record SubscribeItem(String referenceId, String timestamp, String eventType, String filterType, JsonNode filter,
                            ConsentPurpose purpose, Optional<OffsetDateTime> startsAt, Optional<OffsetDateTime> endsAt,
                            Optional<NoticeFrequency> frequency, String locale, Optional<Refusal> refusal) {

    /** The standard's reason codes for a refused subscribe request ({@code SubscribeStatusReasonCode}). */
    public enum ReasonCode {
        REFERENCE_ID_INVALID("rjct.reference_id.invalid"),
        REFERENCE_ID_DUPLICATE("rjct.reference_id.duplicate"),
        TIMESTAMP_INVALID("rjct.timestamp.invalid"),
        NOTIFY_TYPES_INVALID("rjct.notify_types.invalid"),
        NOTIFY_DETAILS_INVALID("rjct.notify_details.invalid"),
        ALREADY_SUBSCRIBED("rjct.event.already_subscribed");

        private final String code;

        ReasonCode(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public record Refusal(ReasonCode code, String message) {
    }

    public SubscribeItem refused(ReasonCode code, String message) {
        return new SubscribeItem(referenceId, timestamp, eventType, filterType, filter, purpose, startsAt, endsAt, frequency, locale,
                Optional.of(new Refusal(code, message)));
    }
}
