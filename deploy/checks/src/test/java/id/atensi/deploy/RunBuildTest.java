package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
        try {
            buildWithoutTestOnlyTools(work);
        } finally {
            deleteTree(work);
        }
    }

    private static void buildWithoutTestOnlyTools(Path work) throws Exception {
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

    /**
     * Copies the tree without descending into what is skipped: another module's build may be writing under its
     * target/ meanwhile, and a file that vanishes between listing and copying must not fail this test.
     */
    private static void copySources(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (!directory.equals(from) && NOT_COPIED.contains(directory.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
