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

    @Test
    void theMinimalSchemaRejectsAMisspeltField() throws Exception {
        ObjectNode c = Objects.ofKind(Kustomize.render("base"), "Cluster").get(0).deepCopy();
        ((ObjectNode) c.path("spec")).put("instance", 3);
        List<String> problems = CloudNativePg.CLUSTER.validate(c);
        assertTrue(problems.size() == 1 && problems.get(0).startsWith("spec.instance:"), problems.toString());
    }
}
