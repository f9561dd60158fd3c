package id.atensi.systemtests;

import id.atensi.local.Ports;
import id.atensi.local.launcher.App;
import id.atensi.local.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The command examples of the documentation, run as a newcomer runs them: every fenced block marked
 * {@code <!-- runnable: ReadmeExamplesSystemTest -->} in the repository's Markdown files, in one bash with
 * {@code set -euo pipefail} from the repository root, against a fresh data directory; then the example that
 * {@code ./atensi start} prints, as printed, in a new shell. Every other block of commands must say why it does
 * not run here ({@code <!-- not runnable: why -->}), so that no example escapes the test unnoticed.
 * The platform is started by the examples themselves ({@code ./atensi start --detach}) and always stopped with
 * {@code ./atensi stop}.
 */
class ReadmeExamplesSystemTest {

    static final String RUNNABLE = "<!-- runnable: ReadmeExamplesSystemTest -->";
    private static final Pattern NOT_RUNNABLE = Pattern.compile("<!-- not runnable: (\\S.*) -->");
    private static final Pattern MARKER = Pattern.compile("<!--\\s*(not\\s+)?runnable\\b.*");
    private static final Pattern FENCE = Pattern.compile("(\\s*)(`{3,}|~{3,})\\s*([^\\s`]*).*");
    private static final Set<String> SHELLS = Set.of("bash", "sh", "shell", "console", "zsh");
    /** What a line of a block without a shell info string starts with when it is a command. */
    private static final List<String> COMMAND_STARTS = List.of("./", "curl ", "kubectl ", "docker ", "mvn ", "java ",
            "export ", "eval ", "source ", "openssl ", "helm ", "psql ");
    /** Runs first: it starts the platform that examples elsewhere may use. */
    private static final String SETUP_FILE = "deploy/local/README.md";

    /** The launcher's ports (deploy/local/README.md); another port is taken only where one is busy. */
    private static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();

    /** The record read back in deploy/local/README.md, "Trying it". */
    private static final Pattern README_PERSON = Pattern.compile(
            "\\{\"id\":\"([0-9a-f-]{36})\",\"fullName\":\"Siti Aminah\",[^\\n]*\"serviceUnitId\":\"([0-9a-f-]{36})\"");
    private static final Pattern README_UNIT = Pattern.compile("(?m)^service unit ([0-9a-f-]{36})$");
    /** The record read back by the example ./atensi start prints (print_example in ./atensi). */
    private static final Pattern PRINTED_PERSON = Pattern.compile(
            "\\{\"id\":\"([0-9a-f-]{36})\",\"fullName\":\"Budi Santoso\",[^\\n]*\"serviceUnitId\":\"([0-9a-f-]{36})\"");

    private static final Duration EXAMPLES_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    record Block(String file, int line, String info, String marker, String code) {

        boolean runnable() {
            return RUNNABLE.equals(marker);
        }

        String where() {
            return file + ":" + line;
        }
    }

    record Result(int exitCode, String output, Duration took) {
    }

    @Test
    void everyBlockOfCommandsSaysWhetherItRuns() {
        List<String> problems = new ArrayList<>();
        List<Block> blocks = blocks(root(), problems);
        check(blocks, problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(blocks.stream().anyMatch(Block::runnable), "no block is marked " + RUNNABLE + ": the test would prove nothing");
    }

    /** The check above finds each kind of mistake, and takes a list item's indented block as the reader sees it. */
    @Test
    void theCheckFindsUnmarkedCommandsMisplacedMarkersAndRunnableBlocksThatAreNotBash() {
        List<String> lines = List.of(
                "# Example",
                "```",
                "curl -sS http://localhost:8080/q/health",
                "```",
                "<!-- runnable: ReadmeExamplesSystemTest -->",
                "",
                "```bash",
                "echo not directly below its marker",
                "```",
                RUNNABLE,
                "```sh",
                "echo sh",
                "```",
                "<!-- not runnable -->",
                "```bash",
                "kubectl get pods",
                "```",
                "1. A step:",
                "   " + RUNNABLE,
                "   ```bash",
                "   echo indented",
                "     echo more",
                "   ```",
                "   <!-- not runnable: needs a Kubernetes cluster -->",
                "   ```bash",
                "   kubectl get pods",
                "   ```",
                "```json",
                "{\"not\": \"commands\"}",
                "```");
        List<String> problems = new ArrayList<>();
        List<Block> blocks = blocksOf("EXAMPLE.md", lines, problems);
        check(blocks, problems);
        assertEquals(List.of(
                "EXAMPLE.md:5: a marker must be the line directly above a block's opening fence",
                "EXAMPLE.md:2: commands without a marker line directly above the fence: make them run as printed and mark them "
                        + RUNNABLE + ", or say why they cannot run here with <!-- not runnable: why -->",
                "EXAMPLE.md:7: commands without a marker line directly above the fence: make them run as printed and mark them "
                        + RUNNABLE + ", or say why they cannot run here with <!-- not runnable: why -->",
                "EXAMPLE.md:11: a runnable block must be ```bash (it runs in bash), not ```sh",
                "EXAMPLE.md:15: unreadable marker <!-- not runnable -->; use " + RUNNABLE + " or <!-- not runnable: why -->"),
                problems);
        Block indented = blocks.get(4);
        assertTrue(indented.runnable(), indented.toString());
        assertEquals("echo indented\n  echo more", indented.code());
        assertEquals("printf '\\n>>> %s\\n' 'EXAMPLE.md:20'\necho indented\n  echo more\n", script(List.of(indented)).substring("set -euo pipefail\n".length()));
    }

    /** The commands under "Try it" in what ./atensi start prints: the indented lines, not the prose around them. */
    @Test
    void thePrintedExampleIsTheIndentedLinesUnderTryIt() {
        String output = String.join("\n",
                "  Gateway:              http://localhost:8080",
                "Try it: register things",
                "and read them back:",
                "  eval \"$(./atensi tokens)\"",
                "  curl -sS http://localhost:8080/a \\",
                "    -H 'Accept: application/json'",
                "The registration retries.",
                "  not part of it");
        assertEquals("eval \"$(./atensi tokens)\"\ncurl -sS http://localhost:8080/a \\\n  -H 'Accept: application/json'",
                printedExample(output, ""));
    }

    /**
     * The examples capture an id with $(...) and pass it to ./atensi tokens: when the capture found nothing, the
     * reader is told so at once instead of getting a token scoped to nothing (and a 403 or 400 later).
     */
    @Test
    void tokensRefuseAnEmptyUnitOrPartner() throws IOException {
        Path root = root();
        Path work = Files.createDirectories(root.resolve("system-tests/target/readme-examples"));
        Path data = work.resolve("empty-scope-data");
        deleteRecursively(data);
        for (String option : List.of("--unit", "--partner")) {
            Result tokens = bash(root, Map.of("ATENSI_DATA_DIR", data.toString()), "./atensi tokens " + option + " ''",
                    work.resolve("empty-scope.log"), STOP_TIMEOUT);
            assertEquals(1, tokens.exitCode(), tokens.output());
            assertEquals("atensi: " + option + " needs an id\n", tokens.output());
            assertFalse(Files.exists(data.resolve("tokens.env")), "tokens were minted for an empty " + option);
        }
    }

    static void check(List<Block> blocks, List<String> problems) {
        for (Block block : blocks) {
            if (block.marker() == null) {
                if (isCommands(block)) {
                    problems.add(block.where() + ": commands without a marker line directly above the fence: make them run as printed and mark them "
                            + RUNNABLE + ", or say why they cannot run here with <!-- not runnable: why -->");
                }
            } else if (block.runnable() && !block.info().equals("bash")) {
                problems.add(block.where() + ": a runnable block must be ```bash (it runs in bash), not ```" + block.info());
            } else if (!block.runnable() && !NOT_RUNNABLE.matcher(block.marker()).matches()) {
                problems.add(block.where() + ": unreadable marker " + block.marker() + "; use " + RUNNABLE + " or <!-- not runnable: why -->");
            }
        }
    }

    @Test
    void theMarkedExamplesAndThePrintedOneRunAsPrintedOnAFreshStart() throws Throwable {
        Path root = root();
        List<Block> runnable = blocks(root, new ArrayList<>()).stream().filter(Block::runnable).toList();
        assertTrue(runnable.stream().anyMatch(block -> block.code().contains("./atensi start --detach")),
                "no runnable block starts the platform with ./atensi start --detach: " + runnable.stream().map(Block::where).toList());
        requirePackagedApplications(root);

        Path work = root.resolve("system-tests/target/readme-examples");
        Path data = work.resolve("data");
        Files.createDirectories(work);
        Map<String, String> environment = environment(data);
        System.out.println("README examples: data " + data + ", ports " + environment);
        // A run interrupted before its ./atensi stop leaves processes recorded in the data directory.
        bash(root, environment, "./atensi stop", work.resolve("stop-leftovers.log"), STOP_TIMEOUT);
        deleteRecursively(data);

        String script = script(runnable);
        Files.writeString(work.resolve("examples.sh"), script);
        Throwable failure = null;
        try {
            Result examples = bash(root, environment, script, work.resolve("examples.log"), EXAMPLES_TIMEOUT);
            String report = "\n----- script (" + work.resolve("examples.sh") + ") -----\n" + script + "\n----- output -----\n" + examples.output();
            System.out.println("README examples ran in " + examples.took().toSeconds() + " s");
            assertEquals(0, examples.exitCode(), "the marked README blocks failed (exit code " + examples.exitCode()
                    + "; the last '>>>' line names the block, and the launcher's logs are in " + data.resolve("logs") + ")" + report);
            Matcher unit = README_UNIT.matcher(examples.output());
            assertTrue(unit.find(), "deploy/local/README.md's example printed no 'service unit <id>'" + report);
            Matcher person = README_PERSON.matcher(examples.output());
            assertTrue(person.find(), "Siti Aminah's record was not read back" + report);
            assertEquals(unit.group(1), person.group(2), "she was registered in another unit than the one the example made" + report);

            String printed = printedExample(examples.output(), report);
            // A new shell without the launcher's variables: the printed lines must carry what they need.
            Map<String, String> bare = new LinkedHashMap<>();
            Result tryIt = bash(root, bare, "set -euo pipefail\n" + printed, work.resolve("printed-example.log"), Duration.ofMinutes(2));
            String printedReport = "\n----- printed example -----\n" + printed + "\n----- output -----\n" + tryIt.output();
            assertEquals(0, tryIt.exitCode(), "the example ./atensi start prints failed as printed" + printedReport);
            Matcher printedPerson = PRINTED_PERSON.matcher(tryIt.output());
            assertTrue(printedPerson.find(), "the printed example did not read Budi Santoso's record back" + printedReport);
            assertNotEquals(Tokens.LOCAL_UNIT_ID, printedPerson.group(2), "the printed example registered him in the placeholder unit" + printedReport);
            assertNotEquals(unit.group(1), printedPerson.group(2), "the printed example used the README's unit" + printedReport);
        } catch (Throwable t) {
            failure = t;
        }
        AssertionError stopFailure = stop(root, environment, work);
        if (failure != null) {
            if (stopFailure != null) {
                failure.addSuppressed(stopFailure);
            }
            throw failure;
        }
        if (stopFailure != null) {
            throw stopFailure;
        }
    }

    /** ./atensi stop, as deploy/local/README.md tells; afterwards nothing may be left running. */
    private static AssertionError stop(Path root, Map<String, String> environment, Path work) {
        Result stop = bash(root, environment, "./atensi stop", work.resolve("stop.log"), STOP_TIMEOUT);
        if (stop.exitCode() != 0) {
            return new AssertionError("./atensi stop failed (exit code " + stop.exitCode() + "):\n" + stop.output());
        }
        Result status = bash(root, environment, "./atensi status", work.resolve("status-after-stop.log"), STOP_TIMEOUT);
        if (status.exitCode() != 3) {
            return new AssertionError("after ./atensi stop, ./atensi status answers " + status.exitCode() + " instead of 3 (nothing runs):\n"
                    + status.output());
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // The Markdown files and their fenced blocks
    // ---------------------------------------------------------------------------------------------

    private static Path root() {
        String root = System.getProperty("atensi-repository-root");
        if (root == null) {
            throw new IllegalStateException("run the system tests through the Maven reactor (atensi-repository-root is not set)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** Every fenced block of every Markdown file: deploy/local/README.md first, then by path, each in file order. */
    static List<Block> blocks(Path root, List<String> problems) {
        List<String> files = markdownFiles(root);
        files.sort(Comparator.comparing((String file) -> !file.equals(SETUP_FILE)).thenComparing(Comparator.naturalOrder()));
        List<Block> blocks = new ArrayList<>();
        for (String file : files) {
            blocks.addAll(blocksOf(file, read(root.resolve(file)), problems));
        }
        return blocks;
    }

    static List<Block> blocksOf(String file, List<String> lines, List<String> problems) {
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                if (MARKER.matcher(line.trim()).matches()
                        && (i + 1 >= lines.size() || !FENCE.matcher(lines.get(i + 1)).matches())) {
                    problems.add(file + ":" + (i + 1) + ": a marker must be the line directly above a block's opening fence");
                }
                i++;
                continue;
            }
            String indent = fence.group(1);
            String opening = fence.group(2);
            String info = fence.group(3);
            String previous = i > 0 ? lines.get(i - 1).trim() : "";
            String marker = MARKER.matcher(previous).matches() ? previous : null;
            int start = i;
            List<String> code = new ArrayList<>();
            i++;
            while (i < lines.size() && !isClosing(lines.get(i), opening)) {
                String content = lines.get(i);
                int strip = 0;
                while (strip < indent.length() && strip < content.length() && content.charAt(strip) == ' ') {
                    strip++;
                }
                code.add(content.substring(strip));
                i++;
            }
            if (i >= lines.size()) {
                problems.add(file + ":" + (start + 1) + ": the block is never closed");
            }
            blocks.add(new Block(file, start + 1, info, marker, String.join("\n", code)));
            i++;
        }
        return blocks;
    }

    private static boolean isClosing(String line, String opening) {
        String trimmed = line.trim();
        char fenceChar = opening.charAt(0);
        int length = 0;
        while (length < trimmed.length() && trimmed.charAt(length) == fenceChar) {
            length++;
        }
        return length >= opening.length() && trimmed.substring(length).isBlank();
    }

    static boolean isCommands(Block block) {
        if (SHELLS.contains(block.info())) {
            return true;
        }
        return block.code().lines().map(String::strip).anyMatch(line -> COMMAND_STARTS.stream().anyMatch(line::startsWith));
    }

    /** Relative paths with '/', leaving out build output, dependencies, data directories and Git's own. */
    private static List<String> markdownFiles(Path root) {
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
                    boolean skipped = !directory.equals(root) && (name.startsWith(".") || name.equals("target") || name.equals("node_modules"));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith(".md")) {
                        files.add(root.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One script, as a reader pastes the blocks into one shell; each block announces itself for the failure report. */
    static String script(List<Block> blocks) {
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (Block block : blocks) {
            script.append("printf '\\n>>> %s\\n' '").append(block.where()).append("'\n");
            script.append(block.code()).append('\n');
        }
        return script.toString();
    }

    /** The indented lines under "Try it" in what ./atensi start printed, without their indentation. */
    static String printedExample(String output, String report) {
        List<String> lines = output.lines().toList();
        int i = 0;
        while (i < lines.size() && !lines.get(i).startsWith("Try it")) {
            i++;
        }
        if (i == lines.size()) {
            fail("./atensi start printed no 'Try it' example" + report);
        }
        while (i < lines.size() && !lines.get(i).startsWith("  ")) {
            i++;
        }
        List<String> commands = new ArrayList<>();
        while (i < lines.size() && lines.get(i).startsWith("  ")) {
            commands.add(lines.get(i).substring(2));
            i++;
        }
        if (commands.isEmpty()) {
            fail("the 'Try it' example ./atensi start printed has no commands" + report);
        }
        return String.join("\n", commands);
    }

    // ---------------------------------------------------------------------------------------------
    // Running them
    // ---------------------------------------------------------------------------------------------

    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("ATENSI_GATEWAY_PORT", 8080);
        ports.put("ATENSI_BENEFICIARY_PORT", 8081);
        ports.put("ATENSI_PARTNER_PORT", 8082);
        ports.put("ATENSI_TRAINING_PORT", 8083);
        ports.put("ATENSI_AID_PORT", 8084);
        ports.put("ATENSI_WEBHOOK_PORT", 8085);
        ports.put("ATENSI_PG_PORT", 15432);
        ports.put("ATENSI_KAFKA_PORT", 19092);
        ports.put("ATENSI_KEYCLOAK_PORT", 8180);
        return ports;
    }

    /**
     * The data directory, and the default ports where they are free (another free port where one is busy, e.g.
     * with a developer's own ./atensi: the README's examples honour the port variables). A port taken between this
     * check and the start makes the launcher refuse, naming it, and the test fail.
     */
    private static Map<String, String> environment(Path data) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("ATENSI_DATA_DIR", data.toString());
        Set<Integer> taken = new HashSet<>();
        for (Map.Entry<String, Integer> port : DEFAULT_PORTS.entrySet()) {
            int chosen = port.getValue();
            while (Ports.inUse(chosen) || !taken.add(chosen)) {
                chosen = Ports.free();
            }
            environment.put(port.getKey(), String.valueOf(chosen));
        }
        return environment;
    }

    /**
     * What ./atensi start needs in order not to build (a build inside this build would take minutes and rebuild what
     * the reactor has just packaged): the same files as the launcher's missing_artifacts.
     */
    private static void requirePackagedApplications(Path root) {
        List<Path> needed = new ArrayList<>(List.of(
                root.resolve("deploy/local/target/atensi-local-1.0.0-SNAPSHOT.jar"),
                root.resolve("deploy/local/target/lib"),
                root.resolve("deploy/local/kafka-broker/target/kafka-libs")));
        for (App app : App.ALL) {
            needed.add(app.jar(root));
        }
        List<String> missing = needed.stream().filter(path -> !Files.exists(path)).map(path -> root.relativize(path).toString()).toList();
        if (!missing.isEmpty()) {
            fail("not packaged, so ./atensi start would build them itself: " + missing
                    + "; package the platform first (./mvnw -B -T 2 verify does, each application before system-tests)");
        }
    }

    /**
     * Runs a script with bash in the repository root, in this environment without the variables the launcher reads
     * (a fresh shell's), plus the given ones; output (both streams) to the log file.
     */
    private static Result bash(Path root, Map<String, String> variables, String script, Path log, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ATENSI_") || name.equals("KAFKA_BOOTSTRAP_SERVERS"));
        builder.environment().putAll(variables);
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                // Only bash: the processes the launcher started are recorded in the data directory, and ./atensi stop ends them.
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("did not finish within " + timeout.toSeconds() + " s:\n----- script -----\n" + script + "\n----- output -----\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run bash", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
