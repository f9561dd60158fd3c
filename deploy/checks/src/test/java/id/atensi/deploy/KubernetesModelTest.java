package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every rendered Kubernetes object parses into its fabric8 model with no unknown field; nothing of an unexpected kind. */
class KubernetesModelTest {
    static final List<String> TARGETS = Kustomize.TARGETS;

    static final Map<String, Class<?>> FABRIC8 = Map.of(
            "v1 ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class,
            "v1 Secret", io.fabric8.kubernetes.api.model.Secret.class,
            "v1 Service", io.fabric8.kubernetes.api.model.Service.class,
            "apps/v1 Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class,
            "policy/v1 PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class,
            "autoscaling/v2 HorizontalPodAutoscaler", io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1 NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class,
            "networking.k8s.io/v1 Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);
    /**
     * Parsed by their own checks: StrimziModelStrimziTest (Java 21+), CloudNativePgClusterTest, CloudNativePgBackupTest
     * and KeycloakTest.
     */
    static final Set<String> CUSTOM = Set.of("kafka.strimzi.io/v1 Kafka", "kafka.strimzi.io/v1 KafkaNodePool",
            "kafka.strimzi.io/v1 KafkaTopic", "postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 ScheduledBackup",
            "barmancloud.cnpg.io/v1 ObjectStore", "k8s.keycloak.org/v2alpha1 Keycloak", "k8s.keycloak.org/v2alpha1 KeycloakRealmImport");

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyKubernetesObjectParsesIntoItsFabric8ModelWithNoUnknownField(String target) throws Exception {
        List<String> problems = new ArrayList<>();
        int parsed = 0;
        for (ObjectNode o : Kustomize.render(target)) {
            String key = o.path("apiVersion").asText() + " " + o.path("kind").asText();
            Class<?> type = FABRIC8.get(key);
            if (type == null) {
                if (!CUSTOM.contains(key)) {
                    problems.add(Objects.id(o) + ": a kind these checks do not know (add its model to the checks)");
                }
                continue;
            }
            try {
                Object model = Yaml.STRICT.treeToValue(o, type);
                UnknownFields.of(model).forEach(p -> problems.add(Objects.id(o) + ": " + p));
                parsed++;
            } catch (Exception e) {
                problems.add(Objects.id(o) + ": does not parse as " + type.getSimpleName() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(parsed >= 30, target + ": suspiciously few objects parsed: " + parsed);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void theUnknownFieldCheckCatchesATypo(String target) throws Exception {
        ObjectNode deployment = Objects.ofKind(Kustomize.render(target), "Deployment").get(0).deepCopy();
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0))
                .set("readinesProbe", deployment.path("spec").path("template").path("spec").path("containers").get(0).path("readinessProbe"));
        Object model = Yaml.STRICT.treeToValue(deployment, io.fabric8.kubernetes.api.model.apps.Deployment.class);
        List<String> unknown = UnknownFields.of(model);
        if (unknown.size() != 1 || !unknown.get(0).contains("readinesProbe")) {
            fail("the misspelt readinesProbe was not reported: " + unknown);
        }
    }
}
