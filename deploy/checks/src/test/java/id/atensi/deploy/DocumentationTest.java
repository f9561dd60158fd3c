package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operations guide's configuration reference covers every variable the manifests and the Compose file set, and
 * every operational setting the services read.
 */
class DocumentationTest {
    /** The settings an operator may need to change; the rest (OpenAPI titles, CORS headers, log formats) are the code's own. */
    static final List<String> OPERATIONAL = List.of("atensi.", "kafka.", "mp.jwt.verify.", "quarkus.datasource.jdbc.url",
            "quarkus.datasource.username", "quarkus.datasource.password", "quarkus.http.port", "quarkus.http.limits.",
            "quarkus.http.proxy.", "quarkus.flyway.migrate-at-start", "quarkus.kafka.health.", "quarkus.otel.", "quarkus.log.console.json.");
    static final List<String> SOURCES = List.of("platform-commons/src/main/resources/META-INF/microprofile-config.properties",
            "beneficiary-service/src/main/resources/application.properties", "partner-service/src/main/resources/application.properties",
            "training-service/src/main/resources/application.properties", "aid-service/src/main/resources/application.properties",
            "webhook-service/src/main/resources/application.properties",
            "gateway/src/main/resources/application.properties");

    private static Set<String> documented() throws Exception {
        String readme = Files.readString(Repo.root().resolve("deploy/README.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`([A-Z][A-Z0-9_<>]+)`").matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        return documented;
    }

    /** The variable as the reference names it: placeholders for the per-service, per-role and per-key families. */
    private static boolean isDocumented(Set<String> documented, String variable) {
        return documented.contains(variable)
                || documented.contains(variable.replaceAll("^ATENSI_GATEWAY_SERVICES_[A-Z0-9]+_", "ATENSI_GATEWAY_SERVICES_<NAME>_"))
                || documented.contains(variable.replaceAll("^ATENSI_GATEWAY_RATE_LIMITS_[A-Z0-9]+_", "ATENSI_GATEWAY_RATE_LIMITS_<ROLE>_"))
                || documented.contains(variable.replaceAll("^ATENSI_BENEFICIARY_PII_KEYS_.+", "ATENSI_BENEFICIARY_PII_KEYS_<KEYID>"))
                || documented.contains(variable.replaceAll("^ATENSI_WEBHOOK_SECRETS_KEYS_.+", "ATENSI_WEBHOOK_SECRETS_KEYS_<KEYID>"));
    }

    @Test
    void everyOperationalSettingTheAppsReadIsInTheConfigurationReference() throws Exception {
        Set<String> documented = documented();
        Set<String> missing = new TreeSet<>();
        for (String source : SOURCES) {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(Repo.root().resolve(source))));
            for (String key : properties.stringPropertyNames()) {
                // A profile's value of a key is the same setting; %dev and %test keys are named by the launcher and tests only.
                String name = key.replaceFirst("^%[a-z]+\\.", "");
                if (OPERATIONAL.stream().anyMatch(name::startsWith)) {
                    String variable = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
                    if (!isDocumented(documented, variable)) {
                        missing.add(variable + " (" + Path.of(source).getName(0) + ")");
                    }
                }
            }
        }
        assertEquals(Set.of(), missing, "add these to deploy/README.md, Configuration reference, with their defaults");
    }

    @Test
    void everyEnvironmentVariableSetByTheManifestsOrComposeIsInTheConfigurationReference() throws Exception {
        Set<String> documented = documented();
        Set<String> missing = new TreeSet<>();
        for (String target : Kustomize.TARGETS) {
            for (ObjectNode cm : Objects.ofKind(Kustomize.render(target), "ConfigMap")) {
                cm.path("data").fieldNames().forEachRemaining(k -> {
                    if (!isDocumented(documented, k)) {
                        missing.add(k);
                    }
                });
            }
            for (ObjectNode d : Objects.ofKind(Kustomize.render(target), "Deployment")) {
                d.path("spec").path("template").path("spec").path("containers").get(0).path("env")
                        .forEach(e -> {
                            if (!isDocumented(documented, e.path("name").asText())) {
                                missing.add(e.path("name").asText());
                            }
                        });
            }
        }
        Yaml.YAML.readTree(Files.readString(Repo.root().resolve("deploy/compose/docker-compose.yml"))).path("services")
                .forEach(s -> s.path("environment").fieldNames().forEachRemaining(k -> {
                    if (!k.startsWith("POSTGRES_") && !k.startsWith("KAFKA_") || k.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                        if (!isDocumented(documented, k)) {
                            missing.add(k);
                        }
                    }
                }));
        assertEquals(Set.of(), missing, "add these to deploy/README.md, Configuration reference");
    }
}
