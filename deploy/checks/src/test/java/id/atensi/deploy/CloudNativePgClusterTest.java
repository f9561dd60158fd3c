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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * CloudNativePG publishes no Java model on Maven Central: its {@code Cluster}s are checked against a minimal schema
 * written here (the fields this repository uses, each with its type, and the ones CloudNativePG requires). A field
 * outside that list fails, so a typo cannot pass; a field the operator accepts but this schema lacks must be added here.
 */
class CloudNativePgClusterTest {
    static final List<String> TARGETS = Kustomize.TARGETS;

    /** path → "object" | "string" | "int" | "quantity"; paths not listed are rejected. */
    static final Map<String, String> SCHEMA = Map.ofEntries(
            Map.entry("apiVersion", "string"), Map.entry("kind", "string"), Map.entry("metadata", "object"),
            Map.entry("metadata.name", "string"), Map.entry("metadata.labels", "map"),
            Map.entry("spec", "object"), Map.entry("spec.instances", "int"), Map.entry("spec.imageName", "string"),
            Map.entry("spec.primaryUpdateStrategy", "string"),
            Map.entry("spec.storage", "object"), Map.entry("spec.storage.size", "quantity"), Map.entry("spec.storage.storageClass", "string"),
            Map.entry("spec.resources", "object"), Map.entry("spec.resources.requests", "object"), Map.entry("spec.resources.limits", "object"),
            Map.entry("spec.resources.requests.cpu", "quantity"), Map.entry("spec.resources.requests.memory", "quantity"),
            Map.entry("spec.resources.limits.cpu", "quantity"), Map.entry("spec.resources.limits.memory", "quantity"),
            Map.entry("spec.bootstrap", "object"), Map.entry("spec.bootstrap.initdb", "object"),
            Map.entry("spec.bootstrap.initdb.database", "string"), Map.entry("spec.bootstrap.initdb.owner", "string"));
    static final Set<String> REQUIRED = Set.of("metadata.name", "spec.instances", "spec.storage.size",
            "spec.bootstrap.initdb.database", "spec.bootstrap.initdb.owner");

    static List<String> validate(JsonNode cluster) {
        List<String> problems = new ArrayList<>();
        walk(cluster, "", problems);
        for (String required : REQUIRED) {
            JsonNode n = cluster;
            for (String part : required.split("\\.")) {
                n = n.path(part);
            }
            if (n.isMissingNode() || n.isNull()) {
                problems.add("required " + required + " missing");
            }
        }
        if (!cluster.path("apiVersion").asText().equals("postgresql.cnpg.io/v1")) {
            problems.add("apiVersion postgresql.cnpg.io/v1");
        }
        if (cluster.path("spec").path("instances").asInt() < 1) {
            problems.add("spec.instances >= 1");
        }
        return problems;
    }

    private static void walk(JsonNode node, String path, List<String> problems) {
        if (!path.isEmpty()) {
            String type = SCHEMA.get(path);
            if (type == null) {
                problems.add(path + ": not in the checks' Cluster schema (typo, or add it to CloudNativePgClusterTest.SCHEMA)");
                return;
            }
            boolean ok = switch (type) {
                case "object", "map" -> node.isObject();
                case "string" -> node.isTextual();
                case "int" -> node.isInt();
                case "quantity" -> node.isTextual() && node.asText().matches("\\d+(\\.\\d+)?(m|Ki|Mi|Gi|Ti)?") || node.isInt();
                default -> false;
            };
            if (!ok) {
                problems.add(path + ": expected " + type + ", got " + node);
                return;
            }
            if (type.equals("map")) {
                node.fields().forEachRemaining(e -> {
                    if (!e.getValue().isTextual()) {
                        problems.add(path + "." + e.getKey() + ": a string value");
                    }
                });
                return;
            }
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), problems));
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyCloudNativePgClusterMatchesTheMinimalSchemaAndEachServiceHasItsOwnDatabase(String target) {
        List<ObjectNode> clusters = Kustomize.render(target).stream().filter(o -> Objects.group(o).equals("postgresql.cnpg.io")).toList();
        List<String> problems = new ArrayList<>();
        Set<String> databases = new TreeSet<>();
        for (ObjectNode c : clusters) {
            validate(c).forEach(p -> problems.add(Objects.id(c) + ": " + p));
            String db = c.path("spec").path("bootstrap").path("initdb").path("database").asText();
            databases.add(db);
            if (!c.path("metadata").path("name").asText().equals("atensi-pg-" + db)) {
                problems.add(Objects.id(c) + ": named atensi-pg-" + db);
            }
            if (!c.path("spec").path("bootstrap").path("initdb").path("owner").asText().equals(db)) {
                problems.add(Objects.id(c) + ": owner " + db);
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(new TreeSet<>(Objects.SERVICES), databases, "one Cluster per service database");
    }

    @Test
    void theMinimalSchemaRejectsAMisspeltField() throws Exception {
        ObjectNode c = Objects.ofKind(Kustomize.render("base"), "Cluster").get(0).deepCopy();
        ((ObjectNode) c.path("spec")).put("instance", 3);
        List<String> problems = validate(c);
        assertTrue(problems.size() == 1 && problems.get(0).startsWith("spec.instance:"), problems.toString());
    }
}
