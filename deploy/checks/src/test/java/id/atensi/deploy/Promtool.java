package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' promtool (Debian's {@code prometheus} package), run as a process: {@code -Datensi.promtool=/path}
 * or {@code promtool} on the PATH. Missing, it fails the test naming what to install; the build's
 * {@code install-promtool} execution (tools/promtool/install.sh) installs it first where it can.
 */
final class Promtool {
    private Promtool() {
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path workingDirectory, String... arguments) {
        return run(System.getProperty("atensi.promtool", "promtool"), workingDirectory, arguments);
    }

    static Result run(String executable, Path workingDirectory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("promtool not found (" + e.getMessage() + "): the monitoring checks need Prometheus' promtool."
                    + " Install Debian's prometheus package (as root: apt-get install -y prometheus, or run"
                    + " tools/promtool/install.sh), or pass -Datensi.promtool=/path/to/promtool");
            throw new AssertionError("unreachable");
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool " + arguments[0] + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes each PrometheusRule's spec (the groups, in Prometheus' own rule-file format) to
     * {@code <dir>/<file name without .yaml>.rules.yaml}, the names the tests under monitoring/tests load.
     */
    static List<Path> extractRuleFiles(Path dir) {
        List<Path> written = new ArrayList<>();
        try (var files = Files.list(Repo.k8s().resolve("monitoring/alerts"))) {
            for (Path source : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                List<ObjectNode> documents = Yaml.documents(source);
                if (documents.size() != 1 || !documents.get(0).path("kind").asText().equals("PrometheusRule")) {
                    fail(source + ": one PrometheusRule per file expected");
                }
                JsonNode spec = documents.get(0).path("spec");
                Path target = dir.resolve(source.getFileName().toString().replaceFirst("\\.yaml$", ".rules.yaml"));
                Files.writeString(target, Yaml.YAML.writeValueAsString(spec));
                written.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }
}
