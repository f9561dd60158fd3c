package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each app's src/main/docker/Dockerfile.jvm: pinned base image, the Quarkus fast-jar layout, non-root. */
class DockerfileTest {

    @Test
    void everyAppImageUsesAPinnedBaseTheQuarkusAppLayoutAndRunsAsUser185() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String app : Objects.APPS) {
            Path file = Repo.root().resolve(app).resolve("src/main/docker/Dockerfile.jvm");
            if (!Files.isRegularFile(file)) {
                problems.add(app + ": no " + file);
                continue;
            }
            List<String> lines = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.startsWith("#") && !l.isEmpty()).toList();
            List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
            if (from.size() != 1 || !from.get(0).matches("FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:\\d+\\.\\d+(\\.\\d+)?")) {
                problems.add(app + ": one FROM ubi9/openjdk-17-runtime with a fixed version tag: " + from);
            }
            for (String dir : List.of("lib/", "*.jar", "app/", "quarkus/")) {
                if (lines.stream().noneMatch(l -> l.startsWith("COPY --chown=185 target/quarkus-app/" + dir))) {
                    problems.add(app + ": COPY --chown=185 target/quarkus-app/" + dir);
                }
            }
            List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
            if (users.isEmpty() || !users.get(users.size() - 1).equals("USER 185")) {
                problems.add(app + ": last USER is 185");
            }
        }
        assertEquals(List.of(), problems);
    }
}
