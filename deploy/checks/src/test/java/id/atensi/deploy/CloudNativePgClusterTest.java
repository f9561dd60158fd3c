package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each service's and Keycloak's CloudNativePG {@code Cluster}, checked against {@link CloudNativePg#CLUSTER}. */
class CloudNativePgClusterTest {
    static final List<String> TARGETS = Kustomize.TARGETS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyCloudNativePgClusterMatchesTheMinimalSchemaAndEachServiceHasItsOwnDatabase(String target) {
        List<ObjectNode> clusters = Objects.ofKind(Kustomize.render(target), "Cluster");
        List<String> problems = new ArrayList<>();
        Set<String> databases = new TreeSet<>();
        for (ObjectNode c : clusters) {
            CloudNativePg.CLUSTER.validate(c).forEach(p -> problems.add(Objects.id(c) + ": " + p));
            String db = c.path("spec").path("bootstrap").path("initdb").path("database").asText();
            databases.add(db);
            if (!c.path("metadata").path("name").asText().equals("atensi-pg-" + db)) {
                problems.add(Objects.id(c) + ": named atensi-pg-" + db);
            }
            if (c.path("spec").path("instances").asInt() < 1) {
                problems.add(Objects.id(c) + ": spec.instances >= 1");
            }
            if (!c.path("spec").path("bootstrap").path("initdb").path("owner").asText().equals(db)) {
                problems.add(Objects.id(c) + ": owner " + db);
            }
        }
        assertEquals(List.of(), problems);
        Set<String> expected = new TreeSet<>(Objects.SERVICES);
        expected.add("keycloak");
        assertEquals(expected, databases, "one Cluster per service database and one for Keycloak");
    }

    /**
     * A cluster's PostgreSQL sizes follow its pod (docs/operations/postgresql.md): shared buffers at most a quarter of
     * the memory limit, the WAL kept between checkpoints at most half the volume, which holds the data too.
     */
    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void postgresqlSizesFitThePodsMemoryAndVolume(String target) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode c : Objects.ofKind(Kustomize.render(target), "Cluster")) {
            var parameters = c.path("spec").path("postgresql").path("parameters");
            if (parameters.has("shared_buffers")) {
                long limit = kubernetesBytes(c.path("spec").path("resources").path("limits").path("memory").asText("0"));
                if (limit == 0 || postgresBytes(parameters.path("shared_buffers").asText()) * 4 > limit) {
                    problems.add(Objects.id(c) + ": shared_buffers at most a quarter of spec.resources.limits.memory");
                }
            }
            if (parameters.has("max_wal_size")
                    && postgresBytes(parameters.path("max_wal_size").asText()) * 2 > kubernetesBytes(c.path("spec").path("storage").path("size").asText())) {
                problems.add(Objects.id(c) + ": max_wal_size at most half of spec.storage.size");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theSizesAreReadInTheirOwnUnits() {
        assertEquals(256L << 20, postgresBytes("256MB"));
        assertEquals(4L << 30, postgresBytes("4GB"));
        assertEquals(1L << 30, kubernetesBytes("1Gi"));
        assertEquals(512L << 20, kubernetesBytes("512Mi"));
    }

    private static long postgresBytes(String size) {
        var m = java.util.regex.Pattern.compile("(\\d+)\\s*(kB|MB|GB|TB)").matcher(size);
        assertTrue(m.matches(), "a PostgreSQL size with its unit: " + size);
        return Long.parseLong(m.group(1)) << switch (m.group(2)) {
            case "kB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            default -> 40;
        };
    }

    private static long kubernetesBytes(String quantity) {
        var m = java.util.regex.Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti)?").matcher(quantity);
        assertTrue(m.matches(), "a binary Kubernetes quantity: " + quantity);
        return Long.parseLong(m.group(1)) << (m.group(2) == null ? 0 : switch (m.group(2)) {
            case "Ki" -> 10;
            case "Mi" -> 20;
            case "Gi" -> 30;
            default -> 40;
        });
    }

    @Test
    void theMinimalSchemaRejectsAMisspeltField() throws Exception {
        ObjectNode c = Objects.ofKind(Kustomize.render("base"), "Cluster").get(0).deepCopy();
        ((ObjectNode) c.path("spec")).put("instance", 3);
        List<String> problems = CloudNativePg.CLUSTER.validate(c);
        assertTrue(problems.size() == 1 && problems.get(0).startsWith("spec.instance:"), problems.toString());
    }
}
