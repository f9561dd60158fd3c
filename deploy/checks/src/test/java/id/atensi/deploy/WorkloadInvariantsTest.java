package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The invariants every workload of every rendered target (base, dev, prod) must hold. Each failure names the object. */
class WorkloadInvariantsTest {
    static final List<String> TARGETS = Kustomize.TARGETS;
    /**
     * Names that hold secrets: they may only come from a Secret. (MP_JWT_VERIFY_PUBLICKEY_LOCATION is a path,
     * ..._KEY_ID the name of a key, not the key, and ..._TOKEN_ENDPOINT where tokens are asked for.)
     */
    static final Pattern SECRET_NAME = Pattern.compile("(?i)(?!.*_KEY_ID$)(?!.*_ENDPOINT$).*(PASSWORD|SECRET|TOKEN|PRIVATE|CREDENTIAL|(^|_)KEYS?(_|$)).*");
    /**
     * The one Secret the manifests may generate: the realm's redirect URIs, configuration that the Keycloak Operator
     * reads only from Secrets (it fills a realm import's placeholders from nothing else).
     */
    static final String REDIRECT_URIS_SECRET = "atensi-keycloak-redirect-uris";

    private static List<ObjectNode> deployments(String target) {
        List<ObjectNode> all = Objects.ofKind(Kustomize.render(target), "Deployment");
        assertEquals(Objects.APPS.stream().sorted().toList(),
                all.stream().map(d -> d.path("metadata").path("name").asText()).sorted().toList(), target + ": the Deployments");
        return all;
    }

    private static JsonNode container(ObjectNode d) {
        JsonNode containers = d.path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), Objects.id(d) + ": one container");
        return containers.get(0);
    }

    private static void check(List<String> problems, boolean ok, ObjectNode o, String what) {
        if (!ok) {
            problems.add(Objects.id(o) + ": " + what);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyDeploymentHasStartupLivenessAndReadinessProbesOnTheHealthEndpoints(String target) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : deployments(target)) {
            JsonNode c = container(d);
            check(problems, c.path("startupProbe").path("httpGet").path("path").asText().startsWith("/q/health/"), d, "startupProbe on /q/health/*");
            check(problems, c.path("livenessProbe").path("httpGet").path("path").asText().equals("/q/health/live"), d, "livenessProbe on /q/health/live");
            check(problems, c.path("readinessProbe").path("httpGet").path("path").asText().equals("/q/health/ready"), d, "readinessProbe on /q/health/ready");
            check(problems, c.path("readinessProbe").path("httpGet").path("port").asText().equals("http"), d, "readinessProbe on the http port");
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyDeploymentSetsCpuAndMemoryRequestsAndAMemoryLimitAtLeastTheMeasuredFootprint(String target) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : deployments(target)) {
            JsonNode r = container(d).path("resources");
            check(problems, r.path("requests").has("cpu") && r.path("requests").has("memory"), d, "cpu and memory requests");
            check(problems, r.path("limits").has("memory") && r.path("limits").has("cpu"), d, "cpu and memory limits");
            boolean gateway = d.path("metadata").path("name").asText().equals("gateway");
            // Measured: a service ~260 MB RSS at -Xmx256m, the gateway ~145 MB.
            long measured = gateway ? 145 : 260;
            check(problems, mebibytes(r.path("requests").path("memory").asText()) > measured, d, "memory request above the measured " + measured + " MB");
            check(problems, mebibytes(r.path("limits").path("memory").asText()) >= mebibytes(r.path("requests").path("memory").asText()), d, "limit >= request");
        }
        assertEquals(List.of(), problems);
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        throw new IllegalArgumentException("use Mi or Gi: " + quantity);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyDeploymentRunsAsNonRootWithAReadOnlyRootFilesystemAndNoCapabilities(String target) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : deployments(target)) {
            JsonNode pod = d.path("spec").path("template").path("spec");
            JsonNode sc = container(d).path("securityContext");
            check(problems, pod.path("securityContext").path("runAsNonRoot").asBoolean() || sc.path("runAsNonRoot").asBoolean(), d, "runAsNonRoot");
            check(problems, sc.path("runAsUser").asInt(pod.path("securityContext").path("runAsUser").asInt(0)) == 185, d, "runAsUser 185");
            check(problems, sc.path("readOnlyRootFilesystem").asBoolean(), d, "readOnlyRootFilesystem");
            check(problems, sc.has("allowPrivilegeEscalation") && !sc.path("allowPrivilegeEscalation").asBoolean(true), d, "allowPrivilegeEscalation false");
            check(problems, sc.path("capabilities").path("drop").toString().equals("[\"ALL\"]"), d, "capabilities drop ALL");
            boolean tmp = false;
            for (JsonNode m : container(d).path("volumeMounts")) {
                if (m.path("mountPath").asText().equals("/tmp")) {
                    for (JsonNode v : pod.path("volumes")) {
                        tmp |= v.path("name").equals(m.path("name")) && v.has("emptyDir");
                    }
                }
            }
            check(problems, tmp, d, "an emptyDir at /tmp (the root filesystem is read-only)");
            check(problems, !pod.path("automountServiceAccountToken").asBoolean(true), d, "no service account token");
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void gracefulShutdownOutlastsTheRelayDrain(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : deployments(target)) {
            String name = d.path("metadata").path("name").asText();
            ObjectNode cm = Objects.named(objects, "ConfigMap", name + "-config").orElseThrow(() -> new AssertionError(name + "-config missing"));
            String timeout = cm.path("data").path("QUARKUS_SHUTDOWN_TIMEOUT").asText("");
            check(problems, timeout.matches("\\d+s"), d, "QUARKUS_SHUTDOWN_TIMEOUT set in seconds in " + name + "-config");
            long drain = timeout.matches("\\d+s") ? Long.parseLong(timeout.substring(0, timeout.length() - 1)) : Long.MAX_VALUE;
            long grace = d.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asLong(30);
            check(problems, grace > drain && grace >= 45, d, "terminationGracePeriodSeconds " + grace + " > shutdown timeout " + timeout);
            check(problems, container(d).path("envFrom").toString().contains(name + "-config"), d, "env from ConfigMap " + name + "-config");
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyDeploymentHasAPodDisruptionBudgetAndACpuHorizontalPodAutoscaler(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : deployments(target)) {
            String name = d.path("metadata").path("name").asText();
            JsonNode podLabels = d.path("spec").path("template").path("metadata").path("labels");
            long pdbs = Objects.ofKind(objects, "PodDisruptionBudget").stream()
                    .filter(p -> selects(p.path("spec").path("selector").path("matchLabels"), podLabels)).count();
            check(problems, pdbs == 1, d, "exactly one PodDisruptionBudget selects its pods (found " + pdbs + ")");
            Optional<ObjectNode> hpa = Objects.ofKind(objects, "HorizontalPodAutoscaler").stream()
                    .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals(name)
                            && h.path("spec").path("scaleTargetRef").path("kind").asText().equals("Deployment")).findFirst();
            check(problems, hpa.isPresent(), d, "a HorizontalPodAutoscaler targets it");
            hpa.ifPresent(h -> {
                JsonNode m = h.path("spec").path("metrics").get(0);
                check(problems, m != null && m.path("resource").path("name").asText().equals("cpu")
                        && m.path("resource").path("target").path("averageUtilization").asInt() == 70, h, "cpu target 70 %");
                check(problems, h.path("spec").path("minReplicas").asInt() == d.path("spec").path("replicas").asInt(), h,
                        "minReplicas equals the Deployment's replicas");
            });
        }
        assertEquals(List.of(), problems);
    }

    private static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) matchLabels::fields) {
            if (!e.getValue().equals(labels.path(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The only service-to-service calls: beneficiary-service's export job (the person's right of access) asks the
     * training and aid services for their part of a person's data.
     */
    private static final Map<String, Set<String>> SERVICE_CALLERS = Map.of(
            "training-service", Set.of("beneficiary-service"),
            "aid-service", Set.of("beneficiary-service"));

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void aNetworkPolicyLetsOnlyTheGatewayMonitoringAndNamedCallersReachEachService(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        ObjectNode gateway = Objects.named(objects, "Deployment", "gateway").orElseThrow();
        JsonNode gatewayLabels = gateway.path("spec").path("template").path("metadata").path("labels");
        List<String> problems = new ArrayList<>();
        for (ObjectNode d : deployments(target)) {
            if (d.path("metadata").path("name").asText().equals("gateway")) {
                continue;
            }
            JsonNode podLabels = d.path("spec").path("template").path("metadata").path("labels");
            List<ObjectNode> policies = Objects.ofKind(objects, "NetworkPolicy").stream()
                    .filter(p -> selects(p.path("spec").path("podSelector").path("matchLabels"), podLabels)).toList();
            check(problems, policies.size() == 1, d, "exactly one NetworkPolicy selects its pods");
            for (ObjectNode p : policies) {
                check(problems, p.path("spec").path("policyTypes").toString().contains("Ingress"), p, "policyTypes Ingress");
                JsonNode rules = p.path("spec").path("ingress");
                check(problems, rules.size() > 0, p, "has ingress rules (an empty list would deny all)");
                for (JsonNode rule : rules) {
                    check(problems, rule.path("from").size() > 0, p, "every rule names its sources (no rule open to all)");
                    for (JsonNode from : rule.path("from")) {
                        boolean fromGateway = from.has("podSelector") && !from.has("namespaceSelector")
                                && selects(from.path("podSelector").path("matchLabels"), gatewayLabels);
                        boolean fromMonitoring = from.has("namespaceSelector") && !from.has("podSelector")
                                && from.path("namespaceSelector").path("matchLabels").path("atensi.id/monitoring").asText().equals("true");
                        boolean fromNamedCaller = from.has("podSelector") && !from.has("namespaceSelector")
                                && SERVICE_CALLERS.getOrDefault(d.path("metadata").path("name").asText(), Set.of())
                                .contains(from.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText());
                        check(problems, fromGateway || fromMonitoring || fromNamedCaller, p,
                                "a source other than the gateway's pods, the monitoring namespace or a caller named in SERVICE_CALLERS: " + from);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void noLiteralSecretAnywhereOnlySecretReferences(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("Secret")) {
                boolean redirectUris = o.path("metadata").path("name").asText().equals(REDIRECT_URIS_SECRET) && !o.has("stringData");
                o.path("data").fieldNames().forEachRemaining(k -> check(problems, redirectUris && k.endsWith("-redirect-uri"), o,
                        "a Secret with data in the manifests (" + k + ")"));
                check(problems, !o.has("stringData"), o, "a Secret with data in the manifests");
            }
            if (o.path("kind").asText().equals("ConfigMap")) {
                o.path("data").fieldNames().forEachRemaining(k -> check(problems, !SECRET_NAME.matcher(k).matches(), o,
                        "ConfigMap key " + k + " looks like a secret: use a Secret"));
            }
        }
        for (ObjectNode d : deployments(target)) {
            for (JsonNode env : container(d).path("env")) {
                String name = env.path("name").asText();
                if (SECRET_NAME.matcher(name).matches()) {
                    check(problems, !env.has("value") && env.path("valueFrom").has("secretKeyRef"), d,
                            "env " + name + " must come from a secretKeyRef, never a value");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void eachServiceReachesItsOwnPostgresClusterAndTheKafkaBootstrap(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        String kafka = Objects.ofKind(objects, "Kafka").get(0).path("metadata").path("name").asText();
        List<String> problems = new ArrayList<>();
        for (String service : Objects.SERVICES) {
            ObjectNode d = Objects.named(objects, "Deployment", service + "-service").orElseThrow();
            JsonNode data = Objects.named(objects, "ConfigMap", service + "-service-config").orElseThrow().path("data");
            String cluster = "atensi-pg-" + service;
            check(problems, Objects.named(objects, "Cluster", cluster).isPresent(), d, "CloudNativePG Cluster " + cluster + " exists");
            check(problems, data.path("QUARKUS_DATASOURCE_JDBC_URL").asText().equals("jdbc:postgresql://" + cluster + "-rw:5432/" + service), d,
                    "JDBC URL to the cluster's -rw service and database " + service);
            check(problems, data.path("ATENSI_SERVICE_NAME").asText().equals(service), d, "ATENSI_SERVICE_NAME " + service);
            check(problems, data.path("KAFKA_BOOTSTRAP_SERVERS").asText().equals(kafka + "-kafka-bootstrap:9092"), d, "Kafka bootstrap of " + kafka);
            String env = container(d).path("env").toString();
            check(problems, env.contains("\"" + cluster + "-app\""), d, "DB credentials from the CloudNativePG secret " + cluster + "-app");
        }
        ObjectNode gatewayConfig = Objects.named(objects, "ConfigMap", "gateway-config").orElseThrow();
        for (String service : Objects.SERVICES) {
            ObjectNode svc = Objects.named(objects, "Service", service + "-service").orElseThrow();
            String url = "http://" + service + "-service:" + svc.path("spec").path("ports").get(0).path("port").asInt();
            check(problems, gatewayConfig.path("data").path("ATENSI_GATEWAY_SERVICES_" + service.toUpperCase() + "_URL").asText().equals(url),
                    gatewayConfig, "routes " + service + " to " + url);
        }
        assertEquals(List.of(), problems);
    }
}
