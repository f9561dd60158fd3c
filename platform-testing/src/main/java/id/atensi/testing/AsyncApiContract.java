package id.atensi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps a service's AsyncAPI document ({@code META-INF/resources/asyncapi.yaml}, served at {@code /asyncapi.yaml})
 * in step with its code. A plain JUnit test of each service extends it; no Quarkus, database or Kafka needed.
 * <p>
 * It finds the {@code @EventType} records among the module's compiled classes ({@code target/classes}), names them
 * as the outbox does ({@code EventNames.type}: {@code atensi.<service>.<name>.v<version>}, the service being
 * {@code atensi.service-name} of the module's {@code application.properties}) and checks that the messages of the
 * channel {@code atensi.<service>.events} are exactly those types, each with a payload schema whose properties are
 * the record's components, with the Java types' JSON form (uuid, date-time, date formats, enum values, integers).
 * The document's syntax and examples are checked by {@code tools/asyncapi/validate.sh} in the build.
 */
public abstract class AsyncApiContract {

    /** Where the document is, in the module's classes and on the classpath. */
    protected static final String DOCUMENT = "META-INF/resources/asyncapi.yaml";

    private static final String EVENT_TYPE = "id.atensi.commons.events.EventType";
    private static final String EVENT_NAMES = "id.atensi.commons.events.EventNames";
    private static final byte[] EVENT_TYPE_DESCRIPTOR = ("L" + EVENT_TYPE.replace('.', '/') + ";").getBytes(StandardCharsets.UTF_8);

    private Path classes;
    private String serviceName;
    private JsonNode document;

    @BeforeEach
    void readModule() throws IOException {
        classes = mainClassesDirectory();
        Path properties = classes.resolve("application.properties");
        assertTrue(Files.isRegularFile(properties), "no " + properties);
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(properties)) {
            config.load(in);
        }
        serviceName = config.getProperty("atensi.service-name");
        assertTrue(serviceName != null && !serviceName.isBlank(), "atensi.service-name is not set in " + properties);
        Path file = classes.resolve(DOCUMENT);
        assertTrue(Files.isRegularFile(file), "no " + file + ": every service serves an AsyncAPI document");
        document = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    }

    @Test
    void isAnAsyncApi3DocumentOfThisService() {
        assertTrue(document.path("asyncapi").asText().startsWith("3."), "not an AsyncAPI 3 document: " + document.path("asyncapi"));
        assertEquals("ATENSI " + serviceName + " events", document.path("info").path("title").asText(), "info.title");
    }

    @Test
    void documentsEveryPublishedEventType() {
        Set<String> documented = documentedTypes().keySet();
        Set<String> missing = new TreeSet<>(publishedTypes().keySet());
        missing.removeAll(documented);
        assertTrue(missing.isEmpty(), "event types published by " + serviceName + " but missing from the messages of channel "
                + topic() + " in " + DOCUMENT + ": " + missing);
    }

    @Test
    void documentsNoEventTypeThatIsNotPublished() {
        Set<String> extra = new TreeSet<>(documentedTypes().keySet());
        extra.removeAll(publishedTypes().keySet());
        assertTrue(extra.isEmpty(), "messages of channel " + topic() + " in " + DOCUMENT
                + " with no @EventType record (name = atensi." + serviceName + ".<name>.v<version>): " + extra);
    }

    @Test
    void payloadSchemasMatchTheRecords() {
        Map<String, JsonNode> documented = documentedTypes();
        List<String> problems = new ArrayList<>();
        publishedTypes().forEach((type, record) -> {
            JsonNode message = documented.get(type);
            if (message != null) {
                compare(record, resolve(message.path("payload")), type + " payload", problems);
            }
        });
        if (!problems.isEmpty()) {
            fail(DOCUMENT + " does not describe the event records as they are serialised:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void everyTopicHasItsDeadLetterTopic() {
        Set<String> addresses = new TreeSet<>();
        document.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        for (String address : addresses) {
            if (!address.endsWith(".dlq")) {
                assertTrue(addresses.contains(address + ".dlq"), "channel " + address + " has no channel " + address + ".dlq");
            }
        }
        if (!publishedTypes().isEmpty()) {
            assertTrue(addresses.contains(topic()), "no channel with address " + topic());
        }
    }

    /** The service's own topic, {@code atensi.<service>.events}. */
    protected final String topic() {
        return (String) invoke(eventNames(), "topic", new Class<?>[] {String.class}, serviceName);
    }

    /** Message names (CloudEvents types) of the service's own channel, with their resolved message objects. */
    private Map<String, JsonNode> documentedTypes() {
        Map<String, JsonNode> types = new TreeMap<>();
        for (JsonNode channel : document.path("channels")) {
            if (topic().equals(channel.path("address").asText())) {
                for (JsonNode reference : channel.path("messages")) {
                    JsonNode message = resolve(reference);
                    String name = message.path("name").asText(null);
                    assertTrue(name != null, "a message of channel " + topic() + " has no name (its CloudEvents type)");
                    assertTrue(types.put(name, message) == null, "message " + name + " is twice in channel " + topic());
                }
            }
        }
        return types;
    }

    /** The {@code @EventType} records among the module's classes, by the CloudEvents type they are published as. */
    private Map<String, Class<?>> publishedTypes() {
        Class<?> eventNames = eventNames();
        Class<? extends Annotation> eventType = eventTypeAnnotation();
        Map<String, Class<?>> types = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                if (!mentionsEventType(file)) {
                    continue;
                }
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                Class<?> candidate = load(name.substring(0, name.length() - ".class".length()));
                if (candidate.isAnnotationPresent(eventType)) {
                    String type = (String) invoke(eventNames, "type", new Class<?>[] {String.class, Class.class}, serviceName, candidate);
                    Class<?> previous = types.put(type, candidate);
                    assertTrue(previous == null, type + " is the type of both " + previous + " and " + candidate);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }

    private void compare(Class<?> record, JsonNode schema, String where, List<String> problems) {
        if (!record.isRecord()) {
            problems.add(where + ": " + record.getName() + " is not a record");
            return;
        }
        if (!schema.path("additionalProperties").asBoolean(true)) {
            problems.add(where + ": additionalProperties must not be false (consumers ignore unknown fields; payloads grow)");
        }
        Set<String> components = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            components.add(component.getName());
        }
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        if (!components.equals(properties)) {
            Set<String> missing = new TreeSet<>(components);
            missing.removeAll(properties);
            Set<String> extra = new TreeSet<>(properties);
            extra.removeAll(components);
            problems.add(where + ": properties " + properties + " are not the components of " + record.getSimpleName()
                    + (missing.isEmpty() ? "" : "; missing " + missing) + (extra.isEmpty() ? "" : "; no such component " + extra));
        }
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        for (String name : required) {
            if (!components.contains(name)) {
                problems.add(where + ": required " + name + " is no component of " + record.getSimpleName());
            }
        }
        for (RecordComponent component : record.getRecordComponents()) {
            JsonNode property = schema.path("properties").path(component.getName());
            if (property.isMissingNode()) {
                continue;
            }
            String at = where + "." + component.getName();
            if (component.getType().isPrimitive() && !required.contains(component.getName())) {
                problems.add(at + ": a " + component.getType() + " is never null, so it belongs in required");
            }
            compareType(component.getGenericType(), property, at, problems);
        }
    }

    private void compareType(Type javaType, JsonNode property, String at, List<String> problems) {
        JsonNode schema = nonNull(property);
        Class<?> raw = javaType instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) javaType;
        if (raw == UUID.class) {
            expect(schema, "string", "uuid", at, problems);
        } else if (raw == OffsetDateTime.class || raw == Instant.class) {
            expect(schema, "string", "date-time", at, problems);
        } else if (raw == LocalDate.class) {
            expect(schema, "string", "date", at, problems);
        } else if (raw == String.class) {
            expect(schema, "string", null, at, problems);
        } else if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class
                || raw == short.class || raw == Short.class) {
            expect(schema, "integer", null, at, problems);
        } else if (raw == boolean.class || raw == Boolean.class) {
            expect(schema, "boolean", null, at, problems);
        } else if (raw.isEnum()) {
            Set<String> constants = new TreeSet<>();
            Arrays.stream(raw.getEnumConstants()).forEach(constant -> constants.add(((Enum<?>) constant).name()));
            Set<String> documented = new TreeSet<>();
            schema.path("enum").forEach(value -> documented.add(value.asText()));
            if (!constants.equals(documented)) {
                problems.add(at + ": enum " + documented + " is not " + raw.getSimpleName() + "'s constants " + constants);
            }
        } else if (Collection.class.isAssignableFrom(raw) && javaType instanceof ParameterizedType parameterized) {
            expect(schema, "array", null, at, problems);
            if (Set.class.isAssignableFrom(raw) && !schema.path("uniqueItems").asBoolean(false)) {
                problems.add(at + ": a " + raw.getSimpleName() + " is an array with uniqueItems: true");
            }
            compareType(parameterized.getActualTypeArguments()[0], schema.path("items"), at + "[]", problems);
        } else if (raw.isRecord()) {
            expect(schema, "object", null, at, problems);
            compare(raw, schema, at, problems);
        }
        // other types: no rule here, the document says what they are
    }

    private static void expect(JsonNode schema, String type, String format, String at, List<String> problems) {
        JsonNode types = schema.path("type");
        boolean typeMatches = types.isArray() ? contains(types, type) : type.equals(types.asText(null));
        if (!typeMatches) {
            problems.add(at + ": type is " + types + ", expected " + type);
        }
        if (format != null && !format.equals(schema.path("format").asText(null))) {
            problems.add(at + ": format is " + schema.path("format") + ", expected " + format);
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The schema a property has when it is not null: follows {@code $ref}, a single-schema {@code allOf} (how a
     * {@code $ref} gets a description) and a {@code oneOf}/{@code anyOf} of it with {@code {type: null}}.
     */
    private JsonNode nonNull(JsonNode property) {
        JsonNode schema = resolve(property);
        if (schema.path("allOf").size() == 1 && !schema.has("type")) {
            return nonNull(schema.path("allOf").get(0));
        }
        for (String keyword : List.of("oneOf", "anyOf")) {
            if (schema.has(keyword) && !schema.has("type")) {
                List<JsonNode> alternatives = new ArrayList<>();
                schema.path(keyword).forEach(alternative -> {
                    JsonNode resolved = resolve(alternative);
                    if (!"null".equals(resolved.path("type").asText())) {
                        alternatives.add(resolved);
                    }
                });
                if (alternatives.size() == 1) {
                    return nonNull(alternatives.get(0));
                }
            }
        }
        return schema;
    }

    /** Follows local {@code $ref}s ({@code #/components/...}, {@code #/channels/...}). */
    private JsonNode resolve(JsonNode node) {
        int hops = 0;
        while (node.has("$ref")) {
            String reference = node.path("$ref").asText();
            assertTrue(reference.startsWith("#/"), "only local $refs are followed here: " + reference);
            JsonNode target = document;
            for (String token : reference.substring(2).split("/")) {
                target = target.path(token.replace("~1", "/").replace("~0", "~"));
            }
            assertTrue(!target.isMissingNode(), "$ref " + reference + " points nowhere");
            node = target;
            assertTrue(++hops < 20, "$ref loop at " + reference);
        }
        return node;
    }

    private static boolean mentionsEventType(Path classFile) {
        try {
            byte[] bytes = Files.readAllBytes(classFile);
            outer:
            for (int i = 0; i <= bytes.length - EVENT_TYPE_DESCRIPTOR.length; i++) {
                for (int j = 0; j < EVENT_TYPE_DESCRIPTOR.length; j++) {
                    if (bytes[i + j] != EVENT_TYPE_DESCRIPTOR[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code target/classes} next to the {@code target/test-classes} this test was loaded from. */
    private Path mainClassesDirectory() {
        Path directory;
        try {
            Path testClasses = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
            directory = testClasses.resolveSibling("classes");
        } catch (URISyntaxException | RuntimeException e) {
            directory = Path.of(System.getProperty("basedir", "."), "target", "classes");
        }
        assertTrue(Files.isDirectory(directory), "no compiled classes at " + directory);
        return directory;
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is in " + classes + " but not on the test classpath", e);
        }
    }

    private Class<?> eventNames() {
        return load(EVENT_NAMES);
    }

    @SuppressWarnings("unchecked")
    private Class<? extends Annotation> eventTypeAnnotation() {
        return (Class<? extends Annotation>) load(EVENT_TYPE);
    }

    private static Object invoke(Class<?> owner, String method, Class<?>[] parameters, Object... arguments) {
        try {
            Method target = owner.getMethod(method, parameters);
            return target.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(owner.getSimpleName() + "." + method + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(owner.getName() + " has no " + method + " as expected", e);
        }
    }
}
