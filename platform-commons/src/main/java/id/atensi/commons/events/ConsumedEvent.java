package id.atensi.commons.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;

import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * An event read from Kafka, with its CloudEvent attributes, its JSON data, and the W3C trace context of
 * the request that caused it ({@code null} when that request carried none).
 */
public record ConsumedEvent(String id, String type, String source, String subject, OffsetDateTime time, byte[] data,
                            String topic, String traceParent) {

    private static final ObjectMapper READER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static ConsumedEvent of(CloudEvent event, String topic) {
        if (event.getData() == null) {
            throw new PermanentEventFailure("event " + event.getId() + " has no data");
        }
        Object traceParent = event.getExtension("traceparent");
        return new ConsumedEvent(event.getId(), event.getType(), event.getSource().toString(), event.getSubject(),
                event.getTime(), event.getData().toBytes(), topic, traceParent == null ? null : traceParent.toString());
    }

    /** Reads the data as a payload record; fields it does not know are ignored, a malformed payload is permanent. */
    public <T> T dataAs(Class<T> payloadType) {
        try {
            return READER.readValue(data, payloadType);
        } catch (IOException e) {
            throw new PermanentEventFailure("data of " + type + " " + id + " is not a valid " + payloadType.getSimpleName()
                    + ": " + originalMessage(e), e);
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }
}
