package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ./atensi builds with {@code -DskipTests} on a machine that may have nothing but a JDK: no test-only tool (Node.js
 * and npm for the AsyncAPI validator, Chromium and playwright-core for the browser tests, apt-get to install them)
 * may run then. Each of those commands is replaced on the PATH by one that records its call and fails; the build's
 * lifecycle up to the test phase runs over a copy of the sources with compilation skipped, so the check takes
 * seconds and leaves the running build's target/ folders alone.
 */
class RunBuildTest {
    private static final List<String> TEST_ONLY_TOOLS = List.of("node", "npm", "npx", "chromium", "chromedriver", "apt-get");
    private static final Set<String> NOT_COPIED = Set.of(".git", "target", "node_modules", ".data");

    @Test
    void aBuildThatSkipsTestsRunsNoTestOnlyTool() throws Exception {
        Path work = Files.createTempDirectory("atensi-run-build-");
        Path tree = work.resolve("tree");
        copySources(Repo.root(), tree);
        Path shims = Files.createDirectories(work.resolve("shims"));
        Path calls = work.resolve("calls.log");
        for (String tool : TEST_ONLY_TOOLS) {
            Path shim = shims.resolve(tool);
            Files.writeString(shim, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\nexit 97\n");
            Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path output = work.resolve("build.log");
        ProcessBuilder build = new ProcessBuilder("bash", "mvnw", "-B", "-o", "-q", "-DskipTests", "-Dmaven.test.skip=true",
                "-Dmaven.main.skip=true", "test")
                .directory(tree.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        build.environment().put("PATH", shims + ":" + System.getenv("PATH"));
        Process process = build.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the build did not finish in 5 minutes");
        String log = Files.readString(output, StandardCharsets.UTF_8);
        String called = Files.exists(calls) ? Files.readString(calls) : "";
        assertEquals("", called, "test-only tools called by a build with -DskipTests; build output:\n" + tail(log));
        assertEquals(0, process.exitValue(), "the build with -DskipTests failed:\n" + tail(log));
    }

    private static void copySources(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                boolean skipped = false;
                for (Path part : relative) {
                    skipped |= NOT_COPIED.contains(part.toString());
                }
                if (skipped) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
