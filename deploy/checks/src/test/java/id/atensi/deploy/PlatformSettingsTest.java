package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Token audience, tracing, JSON logs and the personal-data keys, in the manifests and in Compose. */
class PlatformSettingsTest {
    static final List<String> TARGETS = Kustomize.TARGETS;
    static final String OTLP_ENDPOINT = "https?://[a-z0-9.-]+:\\d+";

    private static JsonNode config(List<ObjectNode> objects, String app) {
        return Objects.named(objects, "ConfigMap", app + "-config").orElseThrow(() -> new AssertionError(app + "-config missing")).path("data");
    }

    private static void expect(List<String> problems, String where, JsonNode data, String key, String expected) {
        String actual = data.path(key).asText(null);
        if (!expected.equals(actual)) {
            problems.add(where + ": " + key + " = " + actual + ", expected " + expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyAppVerifiesTheTokenAudience(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        Objects.APPS.forEach(app -> expect(problems, app, config(objects, app), "MP_JWT_VERIFY_AUDIENCES", "atensi"));
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyServiceNamesItselfInTracesAndLogsJsonLinesAndOnlyProdExportsTraces(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        boolean prod = target.equals("overlays/prod");
        List<String> problems = new ArrayList<>();
        for (String service : Objects.SERVICES) {
            String app = service + "-service";
            JsonNode data = config(objects, app);
            expect(problems, app, data, "QUARKUS_OTEL_SERVICE_NAME", app);
            expect(problems, app, data, "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
            expect(problems, app, data, "QUARKUS_OTEL_SDK_DISABLED", prod ? "false" : "true");
            String endpoint = data.path("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText("");
            if (prod ? !endpoint.matches(OTLP_ENDPOINT) : !endpoint.isEmpty()) {
                problems.add(app + ": QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT '" + endpoint + "'"
                        + (prod ? " is not a collector URL" : " set although export is off"));
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void beneficiaryServiceGetsEveryPersonalDataKeyFromItsSecretWithoutWhichItCannotStart(String target) {
        ObjectNode d = Objects.named(Kustomize.render(target), "Deployment", "beneficiary-service").orElseThrow();
        Map<String, String> expected = Map.of("ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID", "active-key-id",
                "ATENSI_BENEFICIARY_PII_KEYS_K1", "k1", "ATENSI_BENEFICIARY_PII_HASH_KEY", "hash-key");
        List<String> problems = new ArrayList<>();
        JsonNode env = d.path("spec").path("template").path("spec").path("containers").get(0).path("env");
        expected.forEach((name, key) -> {
            JsonNode ref = null;
            for (JsonNode e : env) {
                if (e.path("name").asText().equals(name)) {
                    ref = e.path("valueFrom").path("secretKeyRef");
                }
            }
            if (ref == null || !ref.path("name").asText().equals("atensi-beneficiary-pii") || !ref.path("key").asText().equals(key)
                    || ref.path("optional").asBoolean(false)) {
                problems.add(name + ": a required secretKeyRef atensi-beneficiary-pii/" + key + ", got " + ref);
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void composeSetsTheSameForEveryApp() throws Exception {
        JsonNode services = Yaml.YAML.readTree(Repo.root().resolve("deploy/compose/docker-compose.yml").toFile()).path("services");
        List<String> problems = new ArrayList<>();
        for (String app : Objects.APPS) {
            expect(problems, "compose " + app, services.path(app).path("environment"), "MP_JWT_VERIFY_AUDIENCES", "atensi");
        }
        for (String service : Objects.SERVICES) {
            String app = service + "-service";
            JsonNode env = services.path(app).path("environment");
            expect(problems, "compose " + app, env, "QUARKUS_OTEL_SERVICE_NAME", app);
            expect(problems, "compose " + app, env, "QUARKUS_OTEL_SDK_DISABLED", "${ATENSI_OTEL_SDK_DISABLED:-true}");
            expect(problems, "compose " + app, env, "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "${ATENSI_LOG_JSON:-true}");
            if (!env.path("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText().matches("\\$\\{ATENSI_OTEL_ENDPOINT:-" + OTLP_ENDPOINT + "}")) {
                problems.add("compose " + app + ": QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT ${ATENSI_OTEL_ENDPOINT:-<collector URL>}");
            }
        }
        JsonNode beneficiary = services.path("beneficiary-service").path("environment");
        for (String key : List.of("ATENSI_BENEFICIARY_PII_KEYS_K1", "ATENSI_BENEFICIARY_PII_HASH_KEY")) {
            if (!beneficiary.path(key).asText().matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}")) {
                problems.add("compose beneficiary-service: " + key + " must be a required ${VARIABLE:?message}");
            }
        }
        expect(problems, "compose beneficiary-service", beneficiary, "ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID", "k1");
        assertEquals(List.of(), problems);
    }
}
