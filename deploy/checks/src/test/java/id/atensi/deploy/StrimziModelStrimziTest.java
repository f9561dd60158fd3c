package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Strimzi objects parse into io.strimzi:api's models with no unknown field, and the Kafka layout holds. Runs in the
 * forked Java 21+ JVM of the {@code strimzi-models-on-java-21} surefire execution (the models are Java 21 class files),
 * so the classes are used by name only and this module still compiles for Java 17.
 */
class StrimziModelStrimziTest {
    static final List<String> TARGETS = Kustomize.TARGETS;
    static final Map<String, String> MODELS = Map.of(
            "Kafka", "io.strimzi.api.kafka.model.kafka.Kafka",
            "KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool",
            "KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic");

    @BeforeAll
    static void needsJava21() {
        assertTrue(Runtime.version().feature() >= 21, "the Strimzi model checks need a Java 21+ JVM, this is "
                + Runtime.version() + ": run them through the strimzi-models-on-java-21 surefire execution (-Datensi.strimzi.jvm)");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyStrimziObjectParsesIntoItsStrimziApiModelWithNoUnknownField(String target) throws Exception {
        List<String> problems = new ArrayList<>();
        int parsed = 0;
        for (ObjectNode o : Kustomize.render(target)) {
            if (!Objects.group(o).equals("kafka.strimzi.io")) {
                continue;
            }
            if (!o.path("apiVersion").asText().equals("kafka.strimzi.io/v1")) {
                problems.add(Objects.id(o) + ": use kafka.strimzi.io/v1");
            }
            String model = MODELS.get(o.path("kind").asText());
            if (model == null) {
                problems.add(Objects.id(o) + ": no Strimzi model known to the checks");
                continue;
            }
            try {
                Object typed = Yaml.STRICT.treeToValue(o, Class.forName(model));
                UnknownFields.of(typed).forEach(p -> problems.add(Objects.id(o) + ": " + p));
                parsed++;
            } catch (Exception e) {
                problems.add(Objects.id(o) + ": does not parse as " + model + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(2 + 2 * Objects.SERVICES.size(), parsed, target + ": Kafka, KafkaNodePool and an event and a dead-letter KafkaTopic per service");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void theUnknownFieldCheckCatchesATypoInAStrimziObject(String target) throws Exception {
        ObjectNode kafka = Objects.ofKind(Kustomize.render(target), "Kafka").get(0).deepCopy();
        ((ObjectNode) kafka.path("spec").path("kafka")).put("listner", "x");
        List<String> unknown = UnknownFields.of(Yaml.STRICT.treeToValue(kafka, Class.forName(MODELS.get("Kafka"))));
        assertTrue(unknown.size() == 1 && unknown.get(0).contains("listner"), "reported: " + unknown);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void kafkaRunsKraftWithANodePoolOfControllersAndBrokersAndATopicAndDlqPerService(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        List<ObjectNode> kafkas = Objects.ofKind(objects, "Kafka");
        assertEquals(1, kafkas.size(), "one Kafka");
        ObjectNode kafka = kafkas.get(0);
        String cluster = kafka.path("metadata").path("name").asText();
        JsonNode annotations = kafka.path("metadata").path("annotations");
        assertEquals("enabled", annotations.path("strimzi.io/kraft").asText(), "strimzi.io/kraft: enabled");
        assertEquals("enabled", annotations.path("strimzi.io/node-pools").asText(), "strimzi.io/node-pools: enabled");
        assertTrue(kafka.path("spec").has("entityOperator") && kafka.path("spec").path("entityOperator").has("topicOperator"),
                "the topic operator manages the KafkaTopics");
        assertEquals("false", kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asText(), "topics only from KafkaTopics");
        Set<String> roles = new TreeSet<>();
        int brokers = 0;
        for (ObjectNode pool : Objects.ofKind(objects, "KafkaNodePool")) {
            assertEquals(cluster, pool.path("metadata").path("labels").path("strimzi.io/cluster").asText(), Objects.id(pool) + " belongs to " + cluster);
            pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
            if (pool.path("spec").path("roles").toString().contains("broker")) {
                brokers += pool.path("spec").path("replicas").asInt();
            }
        }
        assertEquals(Set.of("broker", "controller"), roles, "node pools provide controllers and brokers");
        Set<String> expected = new TreeSet<>();
        for (String s : Objects.SERVICES) {
            expected.add("atensi." + s + ".events");
            expected.add("atensi." + s + ".events.dlq");
        }
        Set<String> topics = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (ObjectNode t : Objects.ofKind(objects, "KafkaTopic")) {
            topics.add(t.path("spec").path("topicName").asText());
            int replicas = t.path("spec").path("replicas").asInt();
            int minIsr = t.path("spec").path("config").path("min.insync.replicas").asInt();
            if (!cluster.equals(t.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                problems.add(Objects.id(t) + ": strimzi.io/cluster label " + cluster);
            }
            if (replicas < 1 || replicas > brokers || minIsr < 1 || minIsr > replicas || (replicas > 1 && minIsr >= replicas)) {
                problems.add(Objects.id(t) + ": replicas " + replicas + " / min.insync.replicas " + minIsr + " do not fit " + brokers + " broker(s)");
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(expected, topics, "one KafkaTopic per event topic and per dead-letter topic");
    }
}
