package id.atensi.commons.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The answers of creating calls that {@link Creations} stores for retries, kept free of personal
 * data: the stored answer is the first answer with the personal fields left out, and each answer puts them back as the
 * caller may see them at that moment (after an erasure, the pseudonym; without consent, nothing).
 */
@ApplicationScoped
public class StoredAnswers {

    private final ObjectMapper json;

    StoredAnswers(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param stored the stored first answer (JSON), or null where an erasure emptied it: then the record as it reads now
     * @param body the record's response, with its personal fields left out when the boolean says so
     * @return the first answer with the personal fields of {@code body} as they read now for this caller
     */
    public <T> Object withPersonalData(Object stored, T record, boolean withheld, BiFunction<T, Boolean, Object> body) {
        ObjectNode now = json.valueToTree(body.apply(record, withheld));
        if (!(stored instanceof String text)) {
            return now;
        }
        ObjectNode first;
        try {
            first = (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            return now;
        }
        for (String field : personalFields(record, body)) {
            JsonNode value = now.get(field);
            if (value == null || value.isNull()) {
                first.remove(field);
            } else {
                first.set(field, value);
            }
        }
        return first;
    }

    /** The fields that differ between the record shown whole and shown with its personal data withheld. */
    private <T> List<String> personalFields(T record, BiFunction<T, Boolean, Object> body) {
        ObjectNode whole = json.valueToTree(body.apply(record, false));
        ObjectNode withheld = json.valueToTree(body.apply(record, true));
        List<String> fields = new ArrayList<>();
        whole.fieldNames().forEachRemaining(fields::add);
        withheld.fieldNames().forEachRemaining(field -> {
            if (!fields.contains(field)) {
                fields.add(field);
            }
        });
        fields.removeIf(field -> Objects.equals(whole.get(field), withheld.get(field)));
        return fields;
    }
}
