package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/compose/docker-compose.yml, checked by parsing (no Docker engine here). */
class ComposeFileTest {
    static final Set<String> ALLOWED_CONDITIONS = Set.of("service_healthy", "service_completed_successfully");

    private static Path composeDir() {
        return Repo.root().resolve("deploy/compose");
    }

    private static JsonNode compose() throws Exception {
        String text = Files.readString(composeDir().resolve("docker-compose.yml"));
        assertTrue(!text.contains("<<:") && !text.contains(": *"), "no YAML merge keys or aliases (kept plain for every parser)");
        return Yaml.YAML.readTree(text);
    }

    @Test
    void theComposeFileParsesAndEveryServiceHasAHealthCheck() throws Exception {
        JsonNode services = compose().path("services");
        Set<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        Set<String> expected = new TreeSet<>(Set.of("postgres", "kafka", "kafka-topics", "keycloak", "gateway"));
        Objects.SERVICES.forEach(s -> expected.add(s + "-service"));
        assertEquals(expected, names, "the services");
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            JsonNode test = e.getValue().path("healthcheck").path("test");
            if (!test.isArray() || test.size() < 2 || !Set.of("CMD", "CMD-SHELL").contains(test.get(0).asText())) {
                problems.add(e.getKey() + ": healthcheck.test [CMD|CMD-SHELL, ...]");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDependsOnWaitsForHealthyOrCompletedServicesThatExist() throws Exception {
        JsonNode services = compose().path("services");
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(e -> e.getValue().path("depends_on").fields().forEachRemaining(dep -> {
            if (!services.has(dep.getKey())) {
                problems.add(e.getKey() + " depends on unknown " + dep.getKey());
            }
            if (!ALLOWED_CONDITIONS.contains(dep.getValue().path("condition").asText())) {
                problems.add(e.getKey() + " -> " + dep.getKey() + ": condition service_healthy (or service_completed_successfully)");
            }
        }));
        for (String s : Objects.SERVICES) {
            JsonNode deps = services.path(s + "-service").path("depends_on");
            if (!deps.has("postgres") || !deps.has("kafka")) {
                problems.add(s + "-service waits for postgres and kafka");
            }
            if (!services.path("gateway").path("depends_on").has(s + "-service")) {
                problems.add("gateway waits for " + s + "-service");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void imagesArePinnedAndAppsBuildFromTheirDockerfileJvm() throws Exception {
        JsonNode services = compose().path("services");
        assertEquals("postgres:17", services.path("postgres").path("image").asText());
        assertEquals("apache/kafka:4.1.1", services.path("kafka").path("image").asText());
        List<String> problems = new ArrayList<>();
        for (String app : Objects.APPS) {
            JsonNode s = services.path(app);
            Path context = composeDir().resolve(s.path("build").path("context").asText()).normalize();
            if (!Files.isRegularFile(context.resolve(s.path("build").path("dockerfile").asText()))
                    || !context.getFileName().toString().equals(app)) {
                problems.add(app + ": build context ../../" + app + " with src/main/docker/Dockerfile.jvm");
            }
            if (!s.path("user").asText().equals("185") || !s.path("read_only").asBoolean()) {
                problems.add(app + ": user 185, read_only");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyAppHealthCheckAsksItsOwnPortForReadiness() throws Exception {
        JsonNode services = compose().path("services");
        List<String> problems = new ArrayList<>();
        for (String app : Objects.APPS) {
            String port = services.path(app).path("environment").path("QUARKUS_HTTP_PORT").asText();
            String test = services.path(app).path("healthcheck").path("test").toString();
            if (port.isEmpty() || !test.contains("/dev/tcp/127.0.0.1/" + port + " ") || !test.contains("GET /q/health/ready ")) {
                problems.add(app + ": healthcheck GET /q/health/ready on port " + port + ": " + test);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noLiteralSecretInTheComposeFileOnlyEnvironmentSubstitutions() throws Exception {
        List<String> problems = new ArrayList<>();
        compose().path("services").fields().forEachRemaining(e -> e.getValue().path("environment").fields().forEachRemaining(env -> {
            if (WorkloadInvariantsTest.SECRET_NAME.matcher(env.getKey()).matches() && !env.getValue().asText().matches("\\$\\{[A-Z][A-Z0-9_]*(:\\?[^}]*)?}")) {
                problems.add(e.getKey() + ": " + env.getKey() + " must be ${VARIABLE} (no default), not a literal");
            }
        }));
        assertEquals(List.of(), problems);
    }

    @Test
    void thePostgresInitScriptCreatesTheFourServiceDatabasesAndKeycloaks() throws Exception {
        Set<String> created = new TreeSet<>();
        try (var files = Files.list(composeDir().resolve("postgres-init"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = Pattern.compile("(?i)CREATE DATABASE (\\w+)").matcher(Files.readString(f));
                while (m.find()) {
                    created.add(m.group(1));
                }
            }
        }
        Set<String> expected = new TreeSet<>(Objects.SERVICES);
        expected.add("keycloak");
        assertEquals(expected, created);
        JsonNode services = compose().path("services");
        for (String s : Objects.SERVICES) {
            assertEquals("jdbc:postgresql://postgres:5432/" + s,
                    services.path(s + "-service").path("environment").path("QUARKUS_DATASOURCE_JDBC_URL").asText());
        }
        assertTrue(services.path("postgres").path("volumes").toString().contains("/docker-entrypoint-initdb.d"));
    }

    @Test
    void theTopicInitCreatesEveryEventAndDeadLetterTopic() throws Exception {
        String command = compose().path("services").path("kafka-topics").path("command").toString();
        for (String s : Objects.SERVICES) {
            assertTrue(command.contains(s), "kafka-topics creates the topics of " + s);
        }
        assertTrue(command.contains("atensi.$$s.events atensi.$$s.events.dlq"), "events and dlq topics");
    }
}
