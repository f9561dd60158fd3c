package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import id.atensi.beneficiary.registry.domain.MessageError;
import id.atensi.beneficiary.registry.domain.MessageRejected;
import id.atensi.beneficiary.registry.domain.NoticeFrequency;
import id.atensi.beneficiary.registry.domain.RegistryCondition.InvalidQuery;
import id.atensi.beneficiary.registry.domain.SubscribeItem;
import id.atensi.beneficiary.registry.domain.SubscribeItem.ReasonCode;
import id.atensi.vocabulary.ConsentPurpose;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads subscribe and unsubscribe messages ({@code SubscribeRequest}, {@code UnSubscribeRequest}). As with searches,
 * a malformed message is refused as a whole with ERR, and a request the registry cannot take refuses only itself.
 */
public final class SubscribeMessageReader {

    /** The events a subscription can ask for; the standard leaves {@code reg_event_type} to each registry. */
    public static final Set<String> EVENT_TYPES = Set.of("REGISTER", "UPDATE");
    public static final String RECORD_TYPE = "spdci:Member";
    private static final Set<String> RECORD_TYPES = Set.of(RECORD_TYPE, "Member");
    private static final int MAX_REQUESTS = 20;
    private static final int MAX_CODES = 100;

    private SubscribeMessageReader() {
    }

    public record SubscribeMessage(String transactionId, List<SubscribeItem> items) {
    }

    public record UnsubscribeMessage(String transactionId, List<String> codes) {
    }

    public static SubscribeMessage subscribe(JsonNode message, int totalCount) {
        String transactionId = transactionId(message);
        JsonNode requests = message.get("subscribe_request");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw bad("message.subscribe_request is a non-empty list");
        }
        if (requests.size() > MAX_REQUESTS) {
            throw bad("rjct.total_count.limit_exceeded: one message carries at most " + MAX_REQUESTS + " subscribe requests here");
        }
        if (requests.size() != totalCount) {
            throw bad("rjct.total_count.invalid: header.total_count is " + totalCount + " but message.subscribe_request holds " + requests.size());
        }
        List<SubscribeItem> items = new ArrayList<>();
        Set<String> references = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            SubscribeItem item = item(requests.get(i), "message.subscribe_request[" + i + "]");
            if (item.refusal().isEmpty() && !references.add(item.referenceId())) {
                item = item.refused(ReasonCode.REFERENCE_ID_DUPLICATE, "another request of this message has the reference_id " + item.referenceId());
            }
            items.add(item);
        }
        return new SubscribeMessage(transactionId, items);
    }

    /**
     * The standard's schema names the codes {@code subscription_codes} and the time {@code timesstamp} but requires
     * {@code sunscription_codes} and {@code timestamp}: each spelling is taken, so that a caller built from either part of
     * the schema is understood.
     */
    public static UnsubscribeMessage unsubscribe(JsonNode message) {
        String transactionId = transactionId(message);
        JsonNode codes = message.has("subscription_codes") ? message.get("subscription_codes") : message.get("sunscription_codes");
        if (codes == null || !codes.isArray() || codes.isEmpty()) {
            throw bad("message.subscription_codes is a non-empty list of subscription codes");
        }
        if (codes.size() > MAX_CODES) {
            throw bad("message.subscription_codes holds at most " + MAX_CODES + " codes");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode code : codes) {
            if (!code.isTextual() || code.textValue().isBlank() || code.textValue().length() > 99) {
                throw bad("a subscription code is a string of at most 99 characters");
            }
            list.add(code.textValue());
        }
        return new UnsubscribeMessage(transactionId, list);
    }

    private static SubscribeItem item(JsonNode request, String where) {
        if (!request.isObject()) {
            throw bad(where + " is an object");
        }
        JsonNode criteria = request.get("subscribe_criteria");
        if (criteria == null || !criteria.isObject()) {
            throw bad(where + ".subscribe_criteria is required and is an object");
        }
        JsonNode authorization = criteria.has("authorize") ? criteria.path("authorize") : criteria.path("consent");
        ConsentPurpose purpose = SearchMessageReader.declaredPurpose(authorization.path("purpose").path("code").asText(""),
                where + ".subscribe_criteria.authorize");
        String referenceId = request.path("reference_id").asText("");
        String timestamp = request.path("timestamp").asText("");
        String eventType = criteria.path("reg_event_type").asText("");
        String filterType = criteria.path("filter_type").asText("");
        JsonNode filter = criteria.path("filter");
        String locale = request.path("locale").asText("eng");
        SubscribeItem item = new SubscribeItem(referenceId, timestamp, eventType, filterType, filter, purpose, Optional.empty(), Optional.empty(),
                Optional.empty(), locale, Optional.empty());
        if (referenceId.isBlank() || referenceId.length() > 99) {
            return item.refused(ReasonCode.REFERENCE_ID_INVALID, "reference_id is required, at most 99 characters");
        }
        if (!parses(timestamp)) {
            return item.refused(ReasonCode.TIMESTAMP_INVALID, "timestamp is an RFC 3339 date-time");
        }
        if (!EVENT_TYPES.contains(eventType)) {
            return item.refused(ReasonCode.NOTIFY_TYPES_INVALID, "reg_event_type is REGISTER (people newly registered) or UPDATE (changes to a person)");
        }
        if (!RECORD_TYPES.contains(criteria.path("notify_record_type").asText(RECORD_TYPE))) {
            return item.refused(ReasonCode.NOTIFY_DETAILS_INVALID, "notify_record_type is " + RECORD_TYPE + " (one person each)");
        }
        JsonNode frequency = criteria.path("frequency");
        if (frequency.isObject()) {
            String start = frequency.path("start_time").asText("");
            String end = frequency.path("end_time").asText("");
            if ((!start.isEmpty() && !parses(start)) || (!end.isEmpty() && !parses(end))) {
                return item.refused(ReasonCode.NOTIFY_DETAILS_INVALID, "subscribe_criteria.frequency.start_time and end_time are RFC 3339 date-times");
            }
            Optional<OffsetDateTime> startsAt = start.isEmpty() ? Optional.empty() : Optional.of(OffsetDateTime.parse(start));
            Optional<OffsetDateTime> endsAt = end.isEmpty() ? Optional.empty() : Optional.of(OffsetDateTime.parse(end));
            if (startsAt.isPresent() && endsAt.isPresent() && !endsAt.get().isAfter(startsAt.get())) {
                return item.refused(ReasonCode.NOTIFY_DETAILS_INVALID, "subscribe_criteria.frequency.end_time is after start_time");
            }
            Optional<NoticeFrequency> times = Optional.empty();
            JsonNode expression = frequency.path("frequency");
            if (!expression.isMissingNode() && !expression.isNull()) {
                try {
                    times = Optional.of(NoticeFrequency.parse(expression.isTextual() ? expression.textValue() : ""));
                } catch (NoticeFrequency.InvalidFrequency e) {
                    return item.refused(ReasonCode.NOTIFY_DETAILS_INVALID, "subscribe_criteria.frequency.frequency " + e.getMessage());
                }
            }
            item = new SubscribeItem(referenceId, timestamp, eventType, filterType, filter, purpose, startsAt, endsAt, times, locale, Optional.empty());
        }
        try {
            SearchMessageReader.filter(filterType, filter);
        } catch (InvalidQuery e) {
            return item.refused(ReasonCode.NOTIFY_DETAILS_INVALID, e.getMessage());
        }
        return item;
    }

    private static boolean parses(String timestamp) {
        try {
            OffsetDateTime.parse(timestamp);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String transactionId(JsonNode message) {
        JsonNode value = message.get("transaction_id");
        if (value == null || !value.isTextual() || value.textValue().isBlank() || value.textValue().length() > 99) {
            throw bad("message.transaction_id is required, a string of at most 99 characters");
        }
        return value.textValue();
    }

    private static MessageRejected bad(String message) {
        return new MessageRejected(MessageError.REQUEST_BAD, message);
    }
}
