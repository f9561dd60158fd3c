package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The operations guide's configuration reference covers every variable the manifests and the Compose file set. */
class DocumentationTest {

    @Test
    void everyEnvironmentVariableSetByTheManifestsOrComposeIsInTheConfigurationReference() throws Exception {
        String readme = Files.readString(Repo.root().resolve("deploy/README.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`([A-Z][A-Z0-9_<>]+)`").matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> missing = new TreeSet<>();
        for (String target : Kustomize.TARGETS) {
            for (ObjectNode cm : Objects.ofKind(Kustomize.render(target), "ConfigMap")) {
                cm.path("data").fieldNames().forEachRemaining(k -> {
                    if (!documented.contains(k) && !documented.contains(k.replaceAll("_(BENEFICIARY|PARTNER|TRAINING|AID)_", "_<NAME>_"))) {
                        missing.add(k);
                    }
                });
            }
            for (ObjectNode d : Objects.ofKind(Kustomize.render(target), "Deployment")) {
                d.path("spec").path("template").path("spec").path("containers").get(0).path("env")
                        .forEach(e -> {
                            if (!documented.contains(e.path("name").asText())) {
                                missing.add(e.path("name").asText());
                            }
                        });
            }
        }
        Yaml.YAML.readTree(Files.readString(Repo.root().resolve("deploy/compose/docker-compose.yml"))).path("services")
                .forEach(s -> s.path("environment").fieldNames().forEachRemaining(k -> {
                    if (!k.startsWith("POSTGRES_") && !k.startsWith("KAFKA_") || k.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                        if (!documented.contains(k) && !documented.contains(k.replaceAll("_(BENEFICIARY|PARTNER|TRAINING|AID)_", "_<NAME>_"))) {
                            missing.add(k);
                        }
                    }
                }));
        assertEquals(Set.of(), missing, "add these to deploy/README.md, Configuration reference");
    }
}
