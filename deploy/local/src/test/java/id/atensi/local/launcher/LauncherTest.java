package id.atensi.local.launcher;

import id.atensi.local.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./atensi's commands against real processes: the launcher as ./atensi runs it, on the real platform definition,
 * with {@link FakePlatform}'s stand-ins for the infrastructure and the applications' jars (so that a run takes
 * seconds, not the minutes PostgreSQL, Kafka, Keycloak and five Quarkus applications would).
 */
class LauncherTest {

    private static final String FAKE_JAVA_OPTS = "-Xmx24m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    @TempDir
    static Path repository;

    @TempDir
    Path data;

    private final Map<String, String> environment = new LinkedHashMap<>();

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    static void fakeRepository() {
        FakePlatform.repository(repository);
    }

    /** Free ports of their own, so that a developer's ./atensi on the defaults is never disturbed. */
    @BeforeEach
    void settings() {
        environment.put("ATENSI_DATA_DIR", data.toString());
        environment.put("ATENSI_JAVA_OPTS", FAKE_JAVA_OPTS);
        Set<Integer> taken = new HashSet<>();
        List<String> variables = new java.util.ArrayList<>(List.of("ATENSI_PG_PORT", "ATENSI_KAFKA_PORT", "ATENSI_KEYCLOAK_PORT",
                "ATENSI_PROMETHEUS_PORT"));
        App.ALL.forEach(app -> variables.add(app.portVariable()));
        for (String variable : variables) {
            int port = Ports.free();
            while (!taken.add(port)) {
                port = Ports.free();
            }
            environment.put(variable, String.valueOf(port));
        }
    }

    @AfterEach
    void stopEverything() {
        atensi("stop");
        assertEquals(List.of(), leftOver(), "processes left running");
    }

    private Run atensi(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launcher launcher = new Launcher(repository, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), FakePlatform::new, Duration.ofSeconds(60), Duration.ofSeconds(3));
        int code = launcher.run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private long pidOf(String name) throws IOException {
        return Long.parseLong(Files.readString(data.resolve("run/" + name + ".pid")).trim());
    }

    /** Processes whose command line names this test's data directory or the fake applications' jars. */
    private List<String> leftOver() {
        return ProcessHandle.allProcesses().filter(process -> process.pid() != ProcessHandle.current().pid())
                .map(process -> Supervisor.commandLine(process.pid()).orElse(""))
                .filter(command -> command.contains(data.toString()) || command.contains(repository + "/"))
                .toList();
    }

    @Test
    void commandsWithoutProcessesAnswerAsDocumented() {
        Run help = atensi("help");
        assertEquals(0, help.code());
        for (String text : List.of("start", "restart NAME", "stop", "status", "tokens", "demo", "--demo", "ATENSI_GATEWAY_PORT (8080)")) {
            assertTrue(help.out().contains(text), "help lacks " + text + ":\n" + help.out());
        }
        App.ALL.forEach(app -> assertTrue(help.out().contains(app.name()), "help does not name " + app.name()));

        Run unknown = atensi("frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("atensi: unknown command: frobnicate\n"), unknown.err());

        Run status = atensi("status");
        assertEquals(3, status.code(), status.all());
        assertTrue(status.out().contains("ATENSI is not running"), status.out());

        Run stop = atensi("stop");
        assertEquals(0, stop.code());
        assertTrue(stop.out().contains("Nothing to stop"), stop.out());

        Run badOption = atensi("start", "--frobnicate");
        assertEquals(1, badOption.code());
        assertEquals("atensi: unknown option for start: --frobnicate (see ./atensi help)\n", badOption.err());

        Run demoWithoutGateway = atensi("demo");
        assertEquals(1, demoWithoutGateway.code());
        assertTrue(demoWithoutGateway.err().startsWith("atensi: the demo loads through the gateway, which is not running"), demoWithoutGateway.err());

        Run demoWithoutApps = atensi("start", "--infra-only", "--demo");
        assertEquals(1, demoWithoutApps.code());
        assertEquals("atensi: --demo loads through the gateway, which --infra-only does not start\n", demoWithoutApps.err());

        Run emptyUnit = atensi("tokens", "--unit", "");
        assertEquals(1, emptyUnit.code());
        assertEquals("atensi: --unit needs an id\n", emptyUnit.err());

        Run restartNothing = atensi("restart");
        assertEquals(1, restartNothing.code());
        assertTrue(restartNothing.err().contains("restart needs the name of one process"), restartNothing.err());
        Run restartPart = atensi("restart", "kafka");
        assertEquals(1, restartPart.code());
        assertTrue(restartPart.err().contains("./atensi restart infrastructure"), restartPart.err());
        Run restartUnknown = atensi("restart", "webshop");
        assertEquals(1, restartUnknown.code());
        assertTrue(restartUnknown.err().contains("no process is called webshop"), restartUnknown.err());
        Run restartWithoutInfrastructure = atensi("restart", "gateway");
        assertEquals(1, restartWithoutInfrastructure.code());
        assertTrue(restartWithoutInfrastructure.err().contains("the local infrastructure"), restartWithoutInfrastructure.err());
    }

    @Test
    void startWaitsForEveryProcessThenStatusShowsEachPidAndHealthAndStopEndsThemAll() throws IOException {
        Run start = atensi("start", "--detach");
        assertEquals(0, start.code(), start.all());
        assertTrue(start.out().contains("PostgreSQL, Kafka and Keycloak ready in"), start.out());
        for (App app : App.ALL) {
            assertTrue(start.out().contains("  " + app.name() + " ready (http://localhost:" + environment.get(app.portVariable())), start.out());
        }
        assertFalse(start.out().contains("left alone"), start.out());
        assertTrue(start.out().contains("export ATENSI_TOKEN_OFFICER=fake-officer-"), start.out());
        assertTrue(start.out().contains("Try it:"), start.out());
        assertTrue(Files.readString(data.resolve("tokens.env")).contains("export ATENSI_TOKEN_ADMIN=fake-admin-"));

        // What each application was given: the gateway routes to every service, each service has its own database.
        String gatewayLog = Files.readString(data.resolve("logs/gateway.log"));
        for (App service : App.services()) {
            assertTrue(gatewayLog.contains("setting ATENSI_GATEWAY_SERVICES_" + service.key().toUpperCase() + "_URL=http://127.0.0.1:"
                    + environment.get(service.portVariable())), gatewayLog);
            assertTrue(Files.readString(data.resolve("logs/" + service.name() + ".log")).contains("setting QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:"
                    + environment.get("ATENSI_PG_PORT") + "/" + service.database()));
        }
        assertTrue(Files.readString(data.resolve("logs/beneficiary-service.log")).contains("setting ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID=local1"));

        Run status = atensi("status");
        assertEquals(0, status.code(), status.all());
        assertTrue(Pattern.compile("(?m)^  local infrastructure +running \\(pid " + pidOf("infrastructure") + "\\) +fake-infrastructure$")
                .matcher(status.out()).find(), status.out());
        for (App app : App.ALL) {
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(app.name()) + " +running \\(pid " + pidOf(app.name()) + "\\) +http://localhost:"
                    + environment.get(app.portVariable()) + " ready$").matcher(status.out()).find(), status.out());
        }

        Run stop = atensi("stop");
        assertEquals(0, stop.code(), stop.all());
        assertTrue(stop.out().contains("Stopping gateway (pid "), stop.out());
        assertTrue(stop.out().contains("Stopping local infrastructure (pid "), stop.out());
        assertTrue(stop.out().endsWith("Stopped.\n"), stop.out());
        assertEquals(List.of(), leftOver());
        assertEquals(3, atensi("status").code());
        Run again = atensi("stop");
        assertTrue(again.out().contains("Nothing to stop"), again.out());
    }

    @Test
    void startLeavesRunningProcessesAloneAndStartsOnlyWhatIsNotRunning() throws IOException {
        assertEquals(0, atensi("start", "--detach").code());
        long infrastructure = pidOf("infrastructure");
        long gateway = pidOf("gateway");
        long aid = pidOf("aid-service");
        Supervisor.kill(aid);
        awaitGone(aid);

        Run status = atensi("status");
        assertEquals(1, status.code(), status.all());
        assertTrue(status.out().contains("NOT RUNNING (was pid " + aid + ")"), status.out());

        Run start = atensi("start", "--detach");
        assertEquals(0, start.code(), start.all());
        Matcher leftAlone = Pattern.compile("(?m)^Already running, left alone: (.*)\\.$").matcher(start.out());
        assertTrue(leftAlone.find(), start.out());
        assertTrue(leftAlone.group(1).contains("local infrastructure (pid " + infrastructure + ")"), leftAlone.group(1));
        assertTrue(leftAlone.group(1).contains("gateway (pid " + gateway + ")"), leftAlone.group(1));
        assertFalse(leftAlone.group(1).contains("aid-service"), leftAlone.group(1));
        assertTrue(start.out().contains("Starting aid-service...\n"), start.out());
        assertFalse(start.out().contains("Starting PostgreSQL"), start.out());
        assertEquals(infrastructure, pidOf("infrastructure"));
        assertEquals(gateway, pidOf("gateway"));
        assertNotEquals(aid, pidOf("aid-service"));
        assertEquals(0, atensi("status").code());

        Run nothingToDo = atensi("start", "--detach");
        assertEquals(0, nothingToDo.code(), nothingToDo.all());
        assertTrue(nothingToDo.out().contains("aid-service (pid " + pidOf("aid-service") + ")"), nothingToDo.out());
        assertFalse(nothingToDo.out().contains("Starting"), nothingToDo.out());
    }

    @Test
    void restartStopsAndStartsOneProcessAndLeavesTheOthersAlone() throws IOException {
        assertEquals(0, atensi("start", "--detach").code());
        long gateway = pidOf("gateway");
        long infrastructure = pidOf("infrastructure");
        long beneficiary = pidOf("beneficiary-service");

        Run restart = atensi("restart", "gateway");
        assertEquals(0, restart.code(), restart.all());
        assertTrue(restart.out().contains("Stopping gateway (pid " + gateway + ")..."), restart.out());
        long newGateway = pidOf("gateway");
        assertNotEquals(gateway, newGateway);
        assertTrue(restart.out().contains("gateway restarted: pid " + newGateway + ", http://localhost:" + environment.get("ATENSI_GATEWAY_PORT")
                + " ready"), restart.out());
        assertFalse(ProcessHandle.of(gateway).map(ProcessHandle::isAlive).orElse(false), "the old gateway still runs");
        assertEquals(infrastructure, pidOf("infrastructure"));
        assertEquals(beneficiary, pidOf("beneficiary-service"));

        Run restartInfrastructure = atensi("restart", "infrastructure");
        assertEquals(0, restartInfrastructure.code(), restartInfrastructure.all());
        assertNotEquals(infrastructure, pidOf("infrastructure"));
        assertEquals(newGateway, pidOf("gateway"));
        assertEquals(0, atensi("status").code());
    }

    @Test
    void aProcessThatDiesDuringStartIsNamedWithItsLogTailAndEverythingStartedIsStopped() {
        environment.put("ATENSI_JAVA_OPTS", FAKE_JAVA_OPTS + " -Dfake.die=training-service");
        Run start = atensi("start", "--detach");
        assertEquals(1, start.code(), start.all());
        assertTrue(start.err().contains("atensi: training-service exited during start. Last lines of "), start.err());
        assertTrue(start.err().contains("training-service: the database at jdbc:postgresql://127.0.0.1:" + environment.get("ATENSI_PG_PORT")
                + "/training refuses connections"), start.err());
        assertTrue(start.err().contains("training-service exited during start; its log is " + data.resolve("logs/training-service.log")), start.err());
        assertTrue(start.out().contains("Stopping what was started..."), start.out());
        assertTrue(start.out().contains("Stopping local infrastructure (pid "), start.out());
        assertEquals(List.of(), leftOver());
        assertEquals(3, atensi("status").code());
    }

    @Test
    void aTakenPortIsNamedWithItsHolderAndVariableAndNothingStarts() throws IOException {
        int port = Integer.parseInt(environment.get("ATENSI_PARTNER_PORT"));
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", port));
            Run start = atensi("start", "--detach");
            assertEquals(1, start.code(), start.all());
            assertTrue(start.err().startsWith("atensi: port " + port + " (for partner-service) is already in use by "), start.err());
            assertTrue(start.err().contains("pid " + ProcessHandle.current().pid()) || start.err().contains("another program"), start.err());
            assertTrue(start.err().contains("choose another port with ATENSI_PARTNER_PORT=<port>."), start.err());
        }
        assertFalse(Files.exists(data.resolve("run/infrastructure.pid")), "something was started");
        assertEquals(List.of(), leftOver());
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws IOException {
        environment.put("ATENSI_JAVA_OPTS", FAKE_JAVA_OPTS + " -Dfake.stubborn=gateway");
        assertEquals(0, atensi("start", "--detach").code());
        long gateway = pidOf("gateway");
        Run stop = atensi("stop");
        assertEquals(0, stop.code(), stop.all());
        assertTrue(stop.err().contains("atensi: gateway (pid " + gateway + ") did not stop within 3 s; killing it (SIGKILL)."), stop.err());
        assertEquals(List.of(), leftOver());
    }

    /** What ./atensi asks before it decides to build, and what start says when a jar is still missing. */
    @Test
    void aMissingJarIsListedForTheBuildAndNamedBySkipBuild() throws IOException {
        assertEquals(new Run(0, "", ""), atensi("missing-artifacts"));
        Path jar = App.GATEWAY.jar(repository);
        Path aside = jar.resolveSibling("aside.jar");
        Files.move(jar, aside);
        try {
            assertEquals(new Run(0, "gateway/target/quarkus-app/quarkus-run.jar\n", ""), atensi("missing-artifacts"));
            assertEquals(new Run(0, "", ""), atensi("missing-artifacts", "--infra-only"));
            Run start = atensi("start", "--detach", "--skip-build");
            assertEquals(1, start.code(), start.all());
            assertEquals("atensi: --skip-build was given but these are not built yet:\ngateway/target/quarkus-app/quarkus-run.jar\n"
                    + "Run ./atensi start without --skip-build, or build with ./mvnw -B -q install -DskipTests.\n", start.err());
        } finally {
            Files.move(aside, jar);
        }
    }

    @Test
    void resetDeletesTheDataButIsRefusedWhileProcessesRun() throws IOException {
        assertEquals(0, atensi("start", "--detach").code());
        Path kafkaLog = Files.createDirectories(data.resolve("kafka/data")).resolve("meta.properties");
        Files.writeString(kafkaLog, "cluster.id=before-the-reset\n");
        Run refused = atensi("start", "--detach", "--reset");
        assertEquals(1, refused.code(), refused.all());
        assertTrue(refused.err().contains("--reset deletes the data of processes that still run"), refused.err());
        assertTrue(Files.exists(kafkaLog));

        assertEquals(0, atensi("stop").code());
        String personalDataKeys = Files.readString(data.resolve("keys/personal-data.env"));
        Run reset = atensi("start", "--detach", "--reset");
        assertEquals(0, reset.code(), reset.all());
        assertTrue(reset.out().startsWith("Resetting: deleting " + data + " (databases, Kafka log, Keycloak's secrets, keys, logs).\n"), reset.out());
        assertFalse(Files.exists(kafkaLog), "the Kafka log survived the reset");
        assertNotEquals(personalDataKeys, Files.readString(data.resolve("keys/personal-data.env")), "the personal-data keys survived the reset");
    }

    /** A recorded pid that now runs something else (pids are reused) is never signalled. */
    @Test
    void aRecordedPidRunningAnotherProgramIsNeitherShownAsOursNorStopped() throws IOException {
        Files.createDirectories(data.resolve("run"));
        long self = ProcessHandle.current().pid();
        Files.writeString(data.resolve("run/gateway.pid"), self + "\n");
        Run status = atensi("status");
        assertEquals(1, status.code(), status.all());
        assertTrue(status.out().contains("NOT RUNNING (was pid " + self + ")"), status.out());
        Run stop = atensi("stop");
        assertEquals(0, stop.code(), stop.all());
        assertFalse(stop.out().contains("Stopping gateway"), stop.out());
        assertFalse(Files.exists(data.resolve("run/gateway.pid")));
    }

    /**
     * In the foreground, a process that exits on its own is reported, and Ctrl-C (SIGINT) stops everything.
     * The launcher is started as from a terminal, with SIGINT's default disposition: a test run started with SIGINT
     * ignored ({@code nohup ... &} from a script) passes that on to every process it starts, and a JVM that starts
     * with SIGINT ignored installs no handler for it, so the launcher would never hear the Ctrl-C this test sends.
     */
    @Test
    void inTheForegroundAnExitIsReportedAndCtrlCStopsEverything() throws IOException, InterruptedException {
        Path output = data.resolve("foreground.out");
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT",
                Spec.java(), "-Xmx64m", "-Datensi.root=" + repository, "-cp", System.getProperty("java.class.path"),
                FakeLauncher.class.getName(), "start")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process launcher = builder.start();
        try {
            awaitOutput(output, "Press Ctrl-C to stop everything.");
            long aid = pidOf("aid-service");
            Supervisor.kill(aid);
            awaitOutput(output, "atensi: aid-service has exited; see its log in " + data.resolve("logs") + "/.");
            new ProcessBuilder("kill", "-s", "INT", String.valueOf(launcher.pid())).start().waitFor();
            assertTrue(launcher.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), () -> "the launcher did not end after SIGINT"
                    + " (SIGINT ignored by the launcher: " + ignoresSigint(launcher.pid()) + ")");
            String said = Files.readString(output);
            assertTrue(said.contains("Stopping ATENSI (processes that do not stop within 3 s are killed)..."), said);
            assertTrue(said.contains("Stopping gateway (pid "), said);
            assertTrue(said.contains("Stopping local infrastructure (pid "), said);
            assertEquals(List.of(), leftOver());
        } finally {
            launcher.destroyForcibly();
        }
    }

    /** Whether the process ignores SIGINT: bit 2 (signal 2) of the SigIgn mask in its /proc status. */
    private static String ignoresSigint(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("SigIgn:"))
                    .map(line -> (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << 1)) != 0)
                    .findFirst().map(String::valueOf).orElse("unknown");
        } catch (IOException gone) {
            return "unknown, " + gone.getMessage();
        }
    }

    /**
     * --prometheus: Debian's prometheus under the Supervisor with a configuration scraping every application's
     * /q/metrics and the cluster's alert rules (the PrometheusRules' groups), which Prometheus itself loads; status
     * shows it and stop ends it. Where prometheus is missing, the launcher installs Debian's package as root (a fresh
     * CI machine: deploy/checks' install-promtool step runs only after this module).
     */
    @Test
    void startWithPrometheusScrapesEveryApplicationWithTheClustersAlertRulesAndStopEndsIt() throws Exception {
        Path alerts = Path.of(System.getProperty("atensi-repository-root"), "deploy/k8s/monitoring/alerts");
        Path copied = repository.resolve("deploy/k8s/monitoring/alerts");
        Files.createDirectories(copied);
        List<String> alertNames = new java.util.ArrayList<>();
        try (var files = Files.list(alerts)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, copied.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.readAllLines(file).stream().map(String::trim).filter(line -> line.startsWith("- alert: "))
                        .forEach(line -> alertNames.add(line.substring("- alert: ".length())));
            }
        }
        assertTrue(alertNames.size() >= 18, "alerts read from " + alerts + ": " + alertNames);
        // On a fresh machine prometheus is not installed yet: the launcher installs it with the repository's script,
        // as it does for a user, so the copy needs the script too.
        Path installScript = Path.of("tools/promtool/install.sh");
        Files.createDirectories(repository.resolve(installScript).getParent());
        Files.copy(Path.of(System.getProperty("atensi-repository-root")).resolve(installScript), repository.resolve(installScript),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Run start = atensi("start", "--detach", "--prometheus");
        assertEquals(0, start.code(), start.all());
        String prometheus = "http://127.0.0.1:" + environment.get("ATENSI_PROMETHEUS_PORT");
        assertTrue(start.out().contains("Prometheus ready (" + prometheus + ", alerts at " + prometheus + "/alerts"), start.out());

        Path config = data.resolve("prometheus/prometheus.yml");
        String checked = promtool("check", "config", config.toString());
        int loaded = Pattern.compile("SUCCESS: (\\d+) rules found").matcher(checked).results()
                .mapToInt(match -> Integer.parseInt(match.group(1))).sum();
        assertEquals(alertNames.size(), loaded, "promtool check config loads every rule:\n" + checked);

        String rules = get(prometheus + "/api/v1/rules?type=alert");
        for (String alert : alertNames) {
            assertTrue(rules.contains("\"name\":\"" + alert + "\""), "Prometheus evaluates " + alert + ": " + rules);
        }
        // Static targets reach the scrape manager a moment after Prometheus is ready.
        String targets = get(prometheus + "/api/v1/targets");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (targets.split("\"scrapeUrl\"", -1).length - 1 < App.ALL.size() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            targets = get(prometheus + "/api/v1/targets");
        }
        for (App app : App.ALL) {
            assertTrue(targets.contains("\"scrapeUrl\":\"http://127.0.0.1:" + environment.get(app.portVariable()) + "/q/metrics\""),
                    "Prometheus scrapes " + app.name() + ": " + targets);
            assertTrue(targets.contains("\"job\":\"" + app.name() + "\""), "job named " + app.name() + ": " + targets);
        }

        Run status = atensi("status");
        assertTrue(Pattern.compile("(?m)^  Prometheus +running \\(pid " + pidOf("prometheus") + "\\) +" + Pattern.quote(prometheus) + " ready$")
                .matcher(status.out()).find(), status.out());
        Run again = atensi("start", "--detach", "--prometheus");
        assertEquals(0, again.code(), again.all());
        assertTrue(again.out().contains("Prometheus already running (pid " + pidOf("prometheus") + "), left alone"), again.out());

        long pid = pidOf("prometheus");
        Run stop = atensi("stop");
        assertTrue(stop.out().contains("Stopping Prometheus (pid " + pid + ")"), stop.out());
        awaitGone(pid);
    }

    @Test
    void aFileInTheAlertsDirectoryThatIsNoPrometheusRuleIsRefusedByName() {
        Path file = Path.of("alerts/other.yaml");
        IllegalStateException notARule = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> LocalPrometheus.ruleGroups("apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n", file));
        assertTrue(notARule.getMessage().contains("alerts/other.yaml is not a PrometheusRule"), notARule.getMessage());
        IllegalStateException keyAfterSpec = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> LocalPrometheus.ruleGroups("kind: PrometheusRule\nspec:\n  groups: []\nstatus: {}\n", file));
        assertTrue(keyAfterSpec.getMessage().contains("a top-level key after spec: (status: {})"), keyAfterSpec.getMessage());
        assertEquals("groups:\n  - name: x\n", LocalPrometheus.ruleGroups("kind: PrometheusRule\nspec:\n  groups:\n    - name: x\n", file));
    }

    private static String promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is missing: install Debian's prometheus package (tools/promtool/install.sh)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
        return output;
    }

    private static String get(String url) throws IOException, InterruptedException {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return response.body();
    }

    private static void awaitOutput(Path output, String text) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(output) && Files.readString(output).contains(text)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the launcher did not say \"" + text + "\" within 60 s:\n" + (Files.exists(output) ? Files.readString(output) : ""));
    }

    private static void awaitGone(long pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
