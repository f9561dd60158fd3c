package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What distinguishes dev from prod. */
class OverlaysTest {

    @Test
    void devRunsOneReplicaOfEachAppAndSingleNodeKafkaAndPostgres() {
        List<ObjectNode> objects = Kustomize.render("overlays/dev");
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : Objects.ofKind(objects, "Deployment")) {
            if (d.path("spec").path("replicas").asInt() != 1) {
                problems.add(Objects.id(d) + ": replicas " + d.path("spec").path("replicas"));
            }
        }
        for (ObjectNode h : Objects.ofKind(objects, "HorizontalPodAutoscaler")) {
            if (h.path("spec").path("minReplicas").asInt() != 1) {
                problems.add(Objects.id(h) + ": minReplicas");
            }
        }
        for (ObjectNode p : Objects.ofKind(objects, "PodDisruptionBudget")) {
            if (p.path("spec").has("minAvailable") || p.path("spec").path("maxUnavailable").asInt() != 1) {
                problems.add(Objects.id(p) + ": with one replica the PDB must allow one eviction (maxUnavailable 1)");
            }
        }
        Objects.ofKind(objects, "KafkaNodePool").forEach(n -> {
            if (n.path("spec").path("replicas").asInt() != 1) {
                problems.add(Objects.id(n) + ": one node");
            }
        });
        Objects.ofKind(objects, "KafkaTopic").forEach(t -> {
            if (t.path("spec").path("replicas").asInt() != 1 || t.path("spec").path("config").path("min.insync.replicas").asInt() != 1) {
                problems.add(Objects.id(t) + ": replicas and min.insync.replicas 1 on one node");
            }
        });
        JsonNode kafkaConfig = Objects.ofKind(objects, "Kafka").get(0).path("spec").path("kafka").path("config");
        for (String key : List.of("default.replication.factor", "min.insync.replicas", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor", "transaction.state.log.min.isr")) {
            if (kafkaConfig.path(key).asInt() != 1) {
                problems.add("Kafka " + key + " must be 1 on one node");
            }
        }
        Objects.ofKind(objects, "Keycloak").forEach(k -> {
            if (k.path("spec").path("instances").asInt() != 1) {
                problems.add(Objects.id(k) + ": one instance");
            }
        });
        Objects.ofKind(objects, "Cluster").forEach(c -> {
            if (c.path("spec").path("instances").asInt() != 1) {
                problems.add(Objects.id(c) + ": one instance");
            }
        });
        assertEquals(List.of(), problems);
        assertTrue(Objects.ofKind(objects, "Ingress").isEmpty(), "dev has no Ingress");
    }

    @Test
    void prodRunsThreeReplicasSpreadByPodAntiAffinityWithHpaFromThree() {
        List<ObjectNode> objects = Kustomize.render("overlays/prod");
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : Objects.ofKind(objects, "Deployment")) {
            String name = d.path("metadata").path("name").asText();
            if (d.path("spec").path("replicas").asInt() != 3) {
                problems.add(Objects.id(d) + ": replicas 3");
            }
            JsonNode terms = d.path("spec").path("template").path("spec").path("affinity").path("podAntiAffinity")
                    .path("preferredDuringSchedulingIgnoredDuringExecution");
            boolean byHost = false;
            for (JsonNode t : terms) {
                JsonNode term = t.path("podAffinityTerm");
                byHost |= term.path("topologyKey").asText().equals("kubernetes.io/hostname")
                        && term.path("labelSelector").path("matchLabels").path("app.kubernetes.io/name").asText().equals(name);
            }
            if (!byHost) {
                problems.add(Objects.id(d) + ": pod anti-affinity on kubernetes.io/hostname against its own pods");
            }
        }
        for (ObjectNode h : Objects.ofKind(objects, "HorizontalPodAutoscaler")) {
            if (h.path("spec").path("minReplicas").asInt() != 3 || h.path("spec").path("maxReplicas").asInt() < 3) {
                problems.add(Objects.id(h) + ": minReplicas 3");
            }
        }
        for (ObjectNode p : Objects.ofKind(objects, "PodDisruptionBudget")) {
            if (p.path("spec").path("minAvailable").asInt() < 1) {
                problems.add(Objects.id(p) + ": minAvailable >= 1");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void prodExposesOnlyTheGatewayAndKeycloakThroughTlsIngresses() {
        List<ObjectNode> objects = Kustomize.render("overlays/prod");
        List<ObjectNode> ingresses = Objects.ofKind(objects, "Ingress");
        assertEquals(2, ingresses.size(), "the gateway's Ingress and Keycloak's");
        String keycloak = Objects.ofKind(objects, "Keycloak").get(0).path("metadata").path("name").asText() + "-service";
        for (ObjectNode ingress : ingresses) {
            JsonNode spec = ingress.path("spec");
            assertTrue(spec.path("tls").size() == 1 && spec.path("tls").get(0).hasNonNull("secretName"), Objects.id(ingress) + ": TLS with a certificate Secret");
            List<String> hosts = new ArrayList<>();
            spec.path("tls").get(0).path("hosts").forEach(h -> hosts.add(h.asText()));
            for (JsonNode rule : spec.path("rules")) {
                assertTrue(hosts.contains(rule.path("host").asText()), "every rule's host is covered by TLS: " + rule.path("host"));
                for (JsonNode path : rule.path("http").path("paths")) {
                    assertTrue(List.of("gateway", keycloak).contains(path.path("backend").path("service").path("name").asText()),
                            "only the gateway and Keycloak are exposed: " + path);
                }
            }
        }
        JsonNode gatewayConfig = Objects.named(objects, "ConfigMap", "gateway-config").orElseThrow().path("data");
        assertEquals("true", gatewayConfig.path("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING").asText(), "behind the ingress: forwarded headers");
    }
}
