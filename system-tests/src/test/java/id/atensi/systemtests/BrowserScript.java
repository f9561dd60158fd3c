package id.atensi.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One of {@code tools/browser}'s node scripts run against the platform's gateway in Debian's chromium: the script
 * uses the pages and prints what they showed as one JSON object; the test decides what is right. Its output is kept
 * in the given directory: {@code <script>.json}, {@code <script>.stderr.log} and the screenshots the script takes.
 * A machine without chromium, node or the pinned node modules fails with what to install; it never skips.
 */
final class BrowserScript {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final String script;
    private final RunningPlatform platform;
    private final Path output;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Map<String, Object> scenario;
    private Duration timeout = Duration.ofMinutes(3);

    /**
     * @param script the file name in tools/browser, e.g. {@code console.mjs}
     * @param output where the report, the script's log and its screenshots go, relative to system-tests/target/browser
     */
    BrowserScript(String script, RunningPlatform platform, String output) {
        this.script = script;
        this.platform = platform;
        this.output = platform.root().resolve("system-tests/target/browser").resolve(output).normalize();
    }

    /** Fails, saying what to install, unless chromium, node and the named node modules of tools/browser are there. */
    static void requireTools(String... nodeModules) {
        Path root = Path.of(System.getProperty("atensi-repository-root", "."));
        if (!Files.isExecutable(CHROMIUM)) {
            fail("no browser at " + CHROMIUM + ": the browser tests drive Debian's chromium; install it with: apt-get install -y chromium");
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            if (node.waitFor() != 0) {
                fail("'node --version' failed: the browser tests need Node.js 20+; install it with: apt-get install -y nodejs npm");
            }
        } catch (IOException e) {
            fail("node not found: the browser tests need Node.js 20+ with npm; install it with: apt-get install -y nodejs npm");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String module : nodeModules) {
            if (!Files.isDirectory(root.resolve("tools/browser/node_modules").resolve(module))) {
                fail(module + " is not installed: run tools/browser/install.sh (./mvnw verify -pl system-tests runs it)");
            }
        }
    }

    /**
     * What the script is to do (users, passwords, records), handed over as a file only this user can read, since
     * any process listing shows a command line.
     */
    BrowserScript scenario(Map<String, Object> value) {
        this.scenario = value;
        return this;
    }

    /** A variable of the script's environment, the other way to hand it a secret. */
    BrowserScript environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    BrowserScript timeout(Duration value) {
        this.timeout = value;
        return this;
    }

    Path output() {
        return output;
    }

    /** Runs the script to its end and answers the JSON it printed; a script that failed or timed out fails the test. */
    JsonPath run() {
        Path browserTools = platform.root().resolve("tools/browser");
        String name = script.replaceFirst("\\.mjs$", "");
        Path stdout = output.resolve(name + ".json");
        Path stderr = output.resolve(name + ".stderr.log");
        Path scenarioFile = null;
        try {
            Files.createDirectories(output);
            List<String> command = new ArrayList<>(List.of("node", browserTools.resolve(script).toString(),
                    "--gateway", platform.gatewayUrl(), "--chromium", CHROMIUM.toString(), "--screenshots", output.toString()));
            if (scenario != null) {
                scenarioFile = Files.createTempFile(output, "scenario", ".json",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(scenarioFile, new ObjectMapper().writeValueAsString(scenario));
                command.addAll(List.of("--scenario", scenarioFile.toString()));
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(browserTools.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().putAll(environment);
            Process node = builder.start();
            if (!node.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                node.destroyForcibly();
                fail(script + " did not finish within " + timeout.toSeconds() + " s; see " + stderr);
            }
            String json = Files.readString(stdout, StandardCharsets.UTF_8).strip();
            if (node.exitValue() != 0 || json.isEmpty()) {
                fail(script + " failed (exit " + node.exitValue() + "): " + json + "\n" + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return JsonPath.from(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + script + " ran", e);
        } finally {
            if (scenarioFile != null) {
                try {
                    Files.deleteIfExists(scenarioFile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
