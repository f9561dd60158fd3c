package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The fallback renderer used where kubectl is absent gives the same objects as kubectl kustomize. */
class MinimalKustomizeTest {
    static final List<String> TARGETS = Stream.concat(Kustomize.TARGETS.stream(), Stream.of("monitoring")).toList();

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void theMinimalRendererGivesTheSameObjectsAsKubectlKustomize(String target) {
        List<ObjectNode> minimal = MinimalKustomize.render(Repo.k8s().resolve(target));
        Assumptions.assumeTrue(Kustomize.kubectlAvailable(),
                "kubectl is not on the PATH: the minimal renderer cannot be compared with kubectl kustomize here");
        List<ObjectNode> kubectl = Kustomize.kubectl(Repo.k8s().resolve(target));
        assertEquals(byId(kubectl).keySet(), byId(minimal).keySet(), target + ": the same objects");
        byId(kubectl).forEach((id, o) -> assertEquals(o, byId(minimal).get(id), target + ": " + id));
    }

    private static Map<String, ObjectNode> byId(List<ObjectNode> objects) {
        Map<String, ObjectNode> map = new TreeMap<>();
        objects.forEach(o -> map.put(Objects.id(o), o));
        return map;
    }

    @Test
    void aLabelSelectorTargetPatchesOnlyTheObjectsCarryingEveryLabelAndSetBasedSelectorsAreRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("maps.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a, labels: {tier: service, team: x}}
                data: {}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b, labels: {tier: gateway, team: x}}
                data: {}
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [maps.yaml]
                patches:
                  - target: {kind: ConfigMap, labelSelector: "tier=service,team=x"}
                    patch: '[{"op": "add", "path": "/data/K", "value": "v"}]'
                """);
        List<ObjectNode> objects = MinimalKustomize.render(dir);
        assertEquals("v", objects.get(0).path("data").path("K").asText());
        assertTrue(objects.get(1).path("data").isEmpty(), "b lacks tier=service");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [maps.yaml]
                patches:
                  - target: {kind: ConfigMap, labelSelector: "tier!=gateway"}
                    patch: '[{"op": "add", "path": "/data/K", "value": "v"}]'
                """);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MinimalKustomize.render(dir));
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }

    @Test
    void aSecretGeneratorCreatesAnUnhashedSecretThatAnOverlayMergesIntoAndAHashedOneIsRefused(@TempDir Path dir) throws Exception {
        Path base = Files.createDirectories(dir.resolve("base"));
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(base.resolve("kustomization.yaml"), """
                secretGenerator:
                  - name: uris
                    literals: [a=https://x/*, b=y:/z]
                    options: {disableNameSuffixHash: true}
                """);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                resources: [../base]
                secretGenerator:
                  - name: uris
                    behavior: merge
                    literals: [a=http://127.0.0.1:8080/*]
                """);
        ObjectNode secret = MinimalKustomize.render(overlay).get(0);
        assertEquals("uris", secret.path("metadata").path("name").asText());
        assertEquals("aHR0cDovLzEyNy4wLjAuMTo4MDgwLyo=", secret.path("data").path("a").asText());
        assertEquals("eToveg==", secret.path("data").path("b").asText());
        Files.writeString(base.resolve("kustomization.yaml"), "secretGenerator: [{name: uris, literals: [a=b]}]\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MinimalKustomize.render(base));
        assertTrue(e.getMessage().contains("disableNameSuffixHash"), e.getMessage());
    }

    @Test
    void theMinimalRendererRefusesKustomizationFieldsItDoesNotImplement(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nnamePrefix: x-\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MinimalKustomize.render(dir));
        assertTrue(e.getMessage().contains("namePrefix"), e.getMessage());
    }
}
