package id.atensi.commons.idempotency;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A request written as JSON the same way on every replica and after every restart, for an Idempotency-Key's
 * fingerprint. Jackson reads a JSON array into a {@code Set} as a {@code HashSet}, and a set of enum values iterates in
 * the order of their identity hash codes, which differ from one JVM to the next: written as read, the same retry sent
 * to another pod was "another request" (422). Here a set's members are written sorted by their text.
 */
@Singleton
public class CanonicalJson {

    private final ObjectMapper canonical;

    CanonicalJson(ObjectMapper json) {
        this.canonical = json.copy().registerModule(new SimpleModule("atensi-canonical-sets").setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifyCollectionSerializer(SerializationConfig config, CollectionType type, BeanDescription description,
                                                                JsonSerializer<?> serializer) {
                return Set.class.isAssignableFrom(type.getRawClass()) ? new SortedSetSerializer() : serializer;
            }
        }));
    }

    public String write(Object request) {
        try {
            return canonical.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(request.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }

    private static final class SortedSetSerializer extends StdSerializer<Set<?>> {

        @SuppressWarnings({"unchecked", "rawtypes"})
        SortedSetSerializer() {
            super((Class) Set.class);
        }

        @Override
        public void serialize(Set<?> set, JsonGenerator generator, SerializerProvider provider) throws IOException {
            List<Object> members = new ArrayList<>(set);
            members.sort(Comparator.comparing(String::valueOf));
            provider.defaultSerializeValue(members, generator);
        }
    }
}
