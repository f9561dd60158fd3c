package id.atensi.local.launcher;

import id.atensi.local.LocalRealm;
import id.atensi.local.Tokens;
import id.atensi.local.demo.DemoLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./atensi}: starts, watches, restarts and stops the platform ({@link LocalPlatform}) on this machine, and
 * gets tokens from its Keycloak. The script only finds a JDK and builds; every command is here.
 */
public final class Launcher {

    /** The first start creates Keycloak's schema: a minute or two on a busy machine. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** The lifetime of the local password client's tokens (LocalRealm). */
    static final int TOKEN_HOURS = 1;

    /** Makes the platform's definition for a data directory and settings. */
    @FunctionalInterface
    public interface Definition {
        LocalPlatform of(Path root, Path data, Map<String, String> settings);
    }

    /** A command ends with this message on standard error and exit code 1. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private enum Phase { IDLE, STARTING, FOREGROUND, STOPPING }

    private final Path root;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final Definition definition;
    private final Duration readyTimeout;
    private final Duration stopGrace;

    private final Object lock = new Object();
    private volatile Phase phase = Phase.IDLE;
    /** What this start launched, stopped again should the start fail or be interrupted. */
    private final List<Spec> launched = Collections.synchronizedList(new ArrayList<>());
    private LocalPlatform platform;
    private Supervisor supervisor;

    /**
     * @param environment  the settings: ATENSI_* variables, KAFKA_BOOTSTRAP_SERVERS (the processes it starts inherit
     *                     the launcher's own environment besides)
     * @param readyTimeout how long a process may take to be ready
     * @param stopGrace    how long a process may take to stop before it is killed
     */
    public Launcher(Path root, Map<String, String> environment, PrintStream out, PrintStream err, Definition definition,
            Duration readyTimeout, Duration stopGrace) {
        this.root = root;
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.definition = definition;
        this.readyTimeout = readyTimeout;
        this.stopGrace = stopGrace;
    }

    /** {@code ./atensi}: the repository root is the system property {@code atensi.root}. */
    public static void main(String[] args) {
        String classpath = System.getProperty("java.class.path");
        System.exit(runAsCommand((repository, data, settings) -> new LocalPlatform(repository, data, settings, classpath),
                READY_TIMEOUT, STOP_GRACE, args));
    }

    /**
     * Runs one command as the process' whole work, on its environment and standard streams, stopping what it started
     * when a signal (Ctrl-C, SIGTERM, hangup) ends the JVM.
     */
    public static int runAsCommand(Definition definition, Duration readyTimeout, Duration stopGrace, String... args) {
        Path root = Path.of(System.getProperty("atensi.root", ".")).toAbsolutePath().normalize();
        Launcher launcher = new Launcher(root, System.getenv(), System.out, System.err, definition, readyTimeout, stopGrace);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::onSignal, "atensi-stop-on-signal"));
        return launcher.run(args);
    }

    /** Runs one command; returns its exit code. */
    public int run(String... arguments) {
        List<String> args = List.of(arguments);
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            return switch (command) {
                case "start" -> start(rest);
                case "stop" -> stop();
                case "status" -> status();
                case "restart" -> restart(rest);
                case "tokens" -> tokens(rest);
                case "demo" -> demo(rest);
                case "missing-artifacts" -> missingArtifacts(rest);
                case "help", "--help", "-h" -> help(out);
                default -> {
                    warn("unknown command: " + command);
                    help(err);
                    yield 2;
                }
            };
        } catch (Failure | IllegalArgumentException e) {
            warn(e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // start
    // ---------------------------------------------------------------------------------------------

    private record StartOptions(boolean reset, boolean detach, String build, boolean infraOnly, boolean prometheus, boolean demo) {
    }

    private static StartOptions startOptions(List<String> args) {
        boolean reset = false;
        boolean detach = false;
        String build = "auto";
        boolean infraOnly = false;
        boolean prometheus = false;
        boolean demo = false;
        for (String option : args) {
            switch (option) {
                case "--reset" -> reset = true;
                case "--detach", "-d" -> detach = true;
                case "--build" -> build = "force";
                case "--skip-build" -> build = "skip";
                case "--infra-only" -> infraOnly = true;
                case "--prometheus" -> prometheus = true;
                case "--demo" -> demo = true;
                default -> throw new Failure("unknown option for start: " + option + " (see ./atensi help)");
            }
        }
        if (demo && infraOnly) {
            throw new Failure("--demo loads through the gateway, which --infra-only does not start");
        }
        return new StartOptions(reset, detach, build, infraOnly, prometheus, demo);
    }

    /** ATENSI_APPS="beneficiary-service gateway" starts only those (to save memory, or while a module does not build). */
    private List<App> selectedApps() {
        String wanted = environment.get("ATENSI_APPS");
        if (wanted == null || wanted.isBlank()) {
            return App.ALL;
        }
        List<String> names = List.of(wanted.trim().split("[\\s,]+"));
        for (String name : names) {
            if (!App.names().contains(name)) {
                throw new Failure("ATENSI_APPS names " + name + ", which is none of: " + String.join(" ", App.names()));
            }
        }
        List<App> apps = App.ALL.stream().filter(app -> names.contains(app.name())).toList();
        if (apps.isEmpty()) {
            throw new Failure("ATENSI_APPS is set but names no application");
        }
        return apps;
    }

    /** For ./atensi before it builds: prints the packaged files a start with these options needs and lacks. */
    private int missingArtifacts(List<String> args) {
        StartOptions options = startOptions(args);
        LocalPlatform local = definition.of(root, dataDirectory(), environment);
        local.missingArtifacts(options.infraOnly() ? List.of() : selectedApps()).forEach(path -> out.println(show(path)));
        return 0;
    }

    private int start(List<String> args) {
        StartOptions options = startOptions(args);
        List<App> apps = options.infraOnly() ? List.of() : selectedApps();
        long begin = System.nanoTime();
        Path data = dataDirectory();
        // The ports and servers of processes that run already are those they were started with.
        LocalPlatform probe = definition.of(root, data, environment);
        Supervisor probing = new Supervisor(probe.run(), stopGrace, this::say, this::warn);
        boolean anyRunning = Stream.concat(Stream.of(probe.infrastructure()), App.ALL.stream().map(probe::app)).anyMatch(probing::isRunning);
        use(anyRunning ? withKeptSettings(data, true) : definition.of(root, data, environment));

        Spec infrastructure = platform.infrastructure();
        List<String> leftAlone = new ArrayList<>();
        boolean startInfrastructure = !supervisor.isRunning(infrastructure);
        if (!startInfrastructure) {
            leftAlone.add(infrastructure.description() + " (pid " + supervisor.runningPid(infrastructure).getAsLong() + ")");
        }
        List<Spec> appsToStart = new ArrayList<>();
        for (App app : App.ALL) {
            Spec spec = platform.app(app);
            OptionalLong pid = supervisor.runningPid(spec);
            if (pid.isPresent()) {
                leftAlone.add(app.name() + " (pid " + pid.getAsLong() + ")");
            } else if (apps.contains(app)) {
                appsToStart.add(spec);
            }
        }
        if (options.reset() && !leftAlone.isEmpty()) {
            throw new Failure("--reset deletes the data of processes that still run: " + String.join(", ", leftAlone)
                    + ". Stop them first with ./atensi stop.");
        }
        List<Spec> toStart = new ArrayList<>(appsToStart);
        if (startInfrastructure) {
            toStart.add(0, infrastructure);
        }
        if (startInfrastructure) {
            List<String> leftovers = platform.infrastructureServers().stream().filter(supervisor::isRunning)
                    .map(server -> server.description() + " (pid " + supervisor.runningPid(server).getAsLong() + ")").toList();
            if (!leftovers.isEmpty()) {
                say("The local infrastructure process is gone but left " + String.join(", ", leftovers) + " running; stopping "
                        + (leftovers.size() == 1 ? "it" : "them") + " first.");
                stopLeftovers();
            }
        }
        for (Spec spec : toStart) {
            List<String> problems = Supervisor.portProblems(spec);
            if (!problems.isEmpty()) {
                throw new Failure(problems.get(0));
            }
        }
        if (options.reset()) {
            reset();
        }
        createDirectories(platform.logs(), platform.run(), platform.keys());
        List<Path> missing = platform.missingArtifacts(appsToStart.stream().map(spec -> App.named(spec.name())).toList());
        if (!missing.isEmpty()) {
            String list = missing.stream().map(this::show).collect(Collectors.joining("\n"));
            throw new Failure(options.build().equals("skip")
                    ? "--skip-build was given but these are not built yet:\n" + list
                            + "\nRun ./atensi start without --skip-build, or build with ./mvnw -B -q install -DskipTests."
                    : "these are not built:\n" + list + "\nBuild with ./mvnw -B -q install -DskipTests.");
        }
        if (!leftAlone.isEmpty()) {
            say("Already running, left alone: " + String.join(", ", leftAlone) + ".");
        }
        keepSettings();

        phase = Phase.STARTING;
        try {
            if (startInfrastructure) {
                startInfrastructure();
            }
            try {
                mintTokens(Tokens.LOCAL_UNIT_ID, Tokens.LOCAL_PARTNER_ID);
            } catch (RuntimeException e) {
                err.println(e.getMessage());
                throw new Failure("could not get tokens from Keycloak at " + platform.keycloakUrl() + ".");
            }
            if (!appsToStart.isEmpty()) {
                say("Starting " + appsToStart.stream().map(Spec::name).collect(Collectors.joining(" ")) + "...");
                for (Spec spec : appsToStart) {
                    launch(spec);
                }
                supervisor.awaitReady(appsToStart, readyTimeout,
                        (spec, took) -> say("  " + spec.name() + " ready (" + platform.baseUrl(App.named(spec.name())) + ", " + took.toSeconds() + " s)"));
            }
            if (options.prometheus()) {
                startPrometheus();
            }
        } catch (Supervisor.StartFailure e) {
            return failStart(e);
        } catch (Failure | UncheckedIOException | IllegalStateException e) {
            warn(e.getMessage());
            return failStart(null);
        }
        synchronized (lock) {
            if (phase == Phase.STOPPING) {
                return 1;
            }
            phase = Phase.IDLE;
            launched.clear();
        }

        printSummary(options.infraOnly());
        say("Started in " + Duration.ofNanos(System.nanoTime() - begin).toSeconds() + " s.");
        // A failed load leaves the platform running: in the foreground it stays up, detached the exit code says so.
        if (options.demo() && loadDemo() != 0 && options.detach()) {
            return 1;
        }
        if (options.detach()) {
            say("Running in the background: ./atensi status, ./atensi stop.");
            return 0;
        }
        return stayInForeground();
    }

    private void startInfrastructure() {
        String what = platform.infrastructureParts();
        if (platform.externalDatabase()) {
            say("PostgreSQL: external, " + platform.setting(LocalPlatform.DB_URL) + " (user " + platform.databaseUser() + "); databases "
                    + String.join(",", LocalPlatform.databases()) + " must exist.");
        }
        if (platform.externalKafka()) {
            say("Kafka: external, " + platform.kafkaServers() + ".");
        }
        Spec infrastructure = platform.infrastructure();
        say("Starting " + what + " (log: " + show(infrastructure.log()) + ")...");
        long pid = launch(infrastructure);
        try {
            supervisor.awaitReady(List.of(infrastructure), readyTimeout, (spec, took) -> say(what + " ready in " + took.toSeconds() + " s: "
                    + spec.readiness().check(spec.log()).text()));
        } catch (Supervisor.StartFailure e) {
            throw new Supervisor.StartFailure(e.spec(), e.getMessage().substring(e.spec().name().length() + 1) + " (" + what + ")");
        }
        platform.recordInfrastructureServers(supervisor, pid);
    }

    /** Prometheus with the cluster's alert rules, scraping every application; left alone when it runs already. */
    private void startPrometheus() {
        LocalPrometheus prometheus = platform.prometheus();
        OptionalLong running = supervisor.runningPid(prometheus.recorded());
        if (running.isPresent()) {
            say("Prometheus already running (pid " + running.getAsLong() + "), left alone: " + prometheus.url());
            return;
        }
        Spec spec = prometheus.spec(prometheus.executable(this::say).toString());
        List<String> problems = Supervisor.portProblems(spec);
        if (!problems.isEmpty()) {
            throw new Failure(problems.get(0));
        }
        prometheus.writeConfiguration();
        say("Starting Prometheus (" + show(prometheus.configFile()) + ")...");
        launch(spec);
        supervisor.awaitReady(List.of(spec), readyTimeout, (started, took) -> say("  Prometheus ready (" + prometheus.url()
                + ", alerts at " + prometheus.url() + "/alerts, " + took.toSeconds() + " s)"));
    }

    /** Launches one process unless a signal is stopping everything: then nothing new may start. */
    private long launch(Spec spec) {
        synchronized (lock) {
            if (phase == Phase.STOPPING) {
                throw new Failure("interrupted");
            }
            launched.add(spec);
            return supervisor.launch(spec);
        }
    }

    /** A failed start: names the process and its log, shows the log's end, stops what this start launched; exit code 1. */
    private int failStart(Supervisor.StartFailure failure) {
        if (failure != null) {
            Spec spec = failure.spec();
            warn(failure.getMessage() + ". Last lines of " + show(spec.log()) + ":");
            showTail(spec.log(), 20);
            warn(failure.getMessage() + "; its log is " + show(spec.log()) + ".");
        }
        synchronized (lock) {
            if (phase == Phase.STOPPING) {
                return 1;
            }
            phase = Phase.IDLE;
        }
        say("Stopping what was started...");
        stopLaunched();
        return 1;
    }

    private void stopLaunched() {
        List<Spec> started;
        synchronized (launched) {
            started = new ArrayList<>(launched);
            launched.clear();
        }
        List<Spec> apps = started.stream().filter(spec -> !spec.name().equals(LocalPlatform.INFRASTRUCTURE)).toList();
        supervisor.stop(apps);
        if (started.stream().anyMatch(spec -> spec.name().equals(LocalPlatform.INFRASTRUCTURE))) {
            supervisor.stop(List.of(platform.infrastructure()));
            stopLeftovers();
        }
    }

    /** The servers an infrastructure process left behind (normally gone with it), PostgreSQL last. */
    private void stopLeftovers() {
        for (Spec server : platform.infrastructureServers()) {
            supervisor.stop(List.of(server));
        }
    }

    /** A signal (Ctrl-C, SIGTERM, hangup) reached the launcher: a start stops what it launched, the foreground everything. */
    private void onSignal() {
        Phase was;
        synchronized (lock) {
            was = phase;
            phase = Phase.STOPPING;
        }
        if (was == Phase.STARTING) {
            warn("start did not complete; stopping what was started.");
            stopLaunched();
        } else if (was == Phase.FOREGROUND) {
            say("");
            say("Stopping ATENSI (processes that do not stop within " + stopGrace.toSeconds() + " s are killed)...");
            stopAll();
        }
        out.flush();
    }

    /** Stays until Ctrl-C, reporting processes that exit on their own. */
    private int stayInForeground() {
        say("Press Ctrl-C to stop everything.");
        phase = Phase.FOREGROUND;
        Set<String> reported = new LinkedHashSet<>();
        while (true) {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            if (phase != Phase.FOREGROUND) {
                // A signal's stop runs; the JVM ends when it is done.
                continue;
            }
            boolean anyRecorded = false;
            for (Spec spec : stopOrder()) {
                if (supervisor.recordedPid(spec.name()).isEmpty()) {
                    continue;
                }
                anyRecorded = true;
                if (!supervisor.isRunning(spec) && reported.add(spec.name())) {
                    warn(spec.description() + " has exited; see its log in " + show(platform.logs()) + "/.");
                }
            }
            if (!anyRecorded) {
                synchronized (lock) {
                    phase = Phase.IDLE;
                }
                say("Everything was stopped from elsewhere (./atensi stop); exiting.");
                return 0;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // stop, restart, status
    // ---------------------------------------------------------------------------------------------

    private int stop() {
        use(withKeptSettings(dataDirectory(), false));
        stopAll();
        return 0;
    }

    private List<Spec> stopOrder() {
        List<Spec> order = new ArrayList<>();
        order.add(platform.prometheus().recorded());
        List<App> apps = new ArrayList<>(App.ALL);
        Collections.reverse(apps);
        apps.forEach(app -> order.add(platform.app(app)));
        order.add(platform.infrastructure());
        order.addAll(platform.infrastructureServers());
        return order;
    }

    /** The applications together, then the infrastructure, then whatever of its servers outlived it. */
    private void stopAll() {
        if (stopOrder().stream().allMatch(spec -> supervisor.recordedPid(spec.name()).isEmpty())) {
            say("Nothing to stop: no ATENSI process is recorded in " + show(platform.run()) + ".");
            return;
        }
        supervisor.stop(List.of(platform.prometheus().recorded()));
        supervisor.stop(App.ALL.stream().map(platform::app).toList());
        supervisor.stop(List.of(platform.infrastructure()));
        stopLeftovers();
        try {
            Files.deleteIfExists(platform.run().resolve("settings.env"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        say("Stopped.");
    }

    private int restart(List<String> args) {
        List<String> names = new ArrayList<>(List.of(LocalPlatform.INFRASTRUCTURE));
        names.addAll(App.names());
        if (args.size() != 1) {
            throw new Failure("restart needs the name of one process: " + String.join(", ", names) + " (see ./atensi help)");
        }
        String name = args.get(0);
        use(withKeptSettings(dataDirectory(), true));
        if (Set.of(LocalPlatform.POSTGRES, LocalPlatform.KAFKA, LocalPlatform.KEYCLOAK).contains(name)) {
            throw new Failure(name + " runs inside the local infrastructure process: ./atensi restart infrastructure");
        }
        if (!names.contains(name)) {
            throw new Failure("no process is called " + name + "; restart one of: " + String.join(", ", names));
        }
        boolean infrastructure = name.equals(LocalPlatform.INFRASTRUCTURE);
        Spec spec = infrastructure ? platform.infrastructure() : platform.app(App.named(name));
        if (!infrastructure && !supervisor.isRunning(platform.infrastructure())) {
            throw new Failure("the local infrastructure (" + platform.infrastructureParts() + ") is not running, and " + name
                    + " needs it: start the platform with ./atensi start.");
        }
        List<Path> missing = platform.missingArtifacts(infrastructure ? List.of() : List.of(App.named(name)));
        if (!missing.isEmpty()) {
            throw new Failure("not built: " + missing.stream().map(this::show).collect(Collectors.joining(", "))
                    + "; build with ./mvnw -B -q install -DskipTests.");
        }
        long begin = System.nanoTime();
        if (supervisor.isRunning(spec)) {
            supervisor.stop(List.of(spec));
        } else {
            say(spec.description() + " is not running; starting it.");
        }
        if (infrastructure) {
            stopLeftovers();
        }
        List<String> problems = Supervisor.portProblems(spec);
        if (!problems.isEmpty()) {
            throw new Failure(problems.get(0));
        }
        createDirectories(platform.logs(), platform.run(), platform.keys());
        keepSettings();
        phase = Phase.STARTING;
        try {
            if (infrastructure) {
                startInfrastructure();
            } else {
                say("Starting " + name + "...");
                launch(spec);
                supervisor.awaitReady(List.of(spec), readyTimeout, (started, took) -> { });
            }
        } catch (Supervisor.StartFailure e) {
            return failStart(e);
        }
        synchronized (lock) {
            if (phase == Phase.STOPPING) {
                return 1;
            }
            phase = Phase.IDLE;
            launched.clear();
        }
        say(spec.description() + " restarted: pid " + supervisor.runningPid(spec).orElse(0) + ", "
                + spec.readiness().check(spec.log()).text() + ", in " + Duration.ofNanos(System.nanoTime() - begin).toSeconds() + " s.");
        return 0;
    }

    private int status() {
        use(withKeptSettings(dataDirectory(), false));
        boolean any = false;
        boolean healthy = true;
        List<String> rows = new ArrayList<>();
        for (Spec spec : platform.all()) {
            OptionalLong pid = supervisor.recordedPid(spec.name());
            if (pid.isEmpty()) {
                if (spec.command() != null) {
                    rows.add(String.format("  %-22s %s", spec.description(), "not started"));
                }
                continue;
            }
            any = true;
            if (!Supervisor.isOurs(pid.getAsLong(), spec.marker())) {
                rows.add(String.format("  %-22s %s", spec.description(), "NOT RUNNING (was pid " + pid.getAsLong() + ")"));
                healthy = false;
                continue;
            }
            Readiness.Check check = spec.readiness().check(spec.log());
            healthy &= check.ready();
            rows.add(String.format("  %-22s %-22s %s", spec.description(), "running (pid " + pid.getAsLong() + ")", check.text()));
        }
        if (!any) {
            say("ATENSI is not running (nothing recorded in " + show(platform.run()) + ").");
            return 3;
        }
        rows.forEach(this::say);
        say("Logs: " + show(platform.logs()) + "/");
        return healthy ? 0 : 1;
    }

    // ---------------------------------------------------------------------------------------------
    // tokens
    // ---------------------------------------------------------------------------------------------

    private int tokens(List<String> args) {
        String unit = null;
        String partner = null;
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (!option.equals("--unit") && !option.equals("--partner")) {
                throw new Failure("unknown option for tokens: " + option + " (see ./atensi help)");
            }
            // Empty, too, when an example's $(...) found no id: no token for an unknown scope.
            if (i + 1 >= args.size() || args.get(i + 1).isEmpty()) {
                throw new Failure(option + " needs an id");
            }
            if (option.equals("--unit")) {
                unit = args.get(i + 1);
            } else {
                partner = args.get(i + 1);
            }
        }
        use(withKeptSettings(dataDirectory(), false));
        if (unit != null || partner != null || !tokensFresh()) {
            try {
                mintTokens(unit == null ? Tokens.LOCAL_UNIT_ID : unit, partner == null ? Tokens.LOCAL_PARTNER_ID : partner);
            } catch (RuntimeException e) {
                err.println(e.getMessage());
                throw new Failure("could not get tokens from Keycloak at " + platform.keycloakUrl() + ": is the platform running (./atensi status)?");
            }
            err.println("# new tokens from Keycloak, valid " + TOKEN_HOURS + " h");
        }
        printTokenExports();
        return 0;
    }

    /** Fresh access tokens from Keycloak, one per role, for the demo users, kept in tokens.env. */
    private void mintTokens(String unit, String partner) {
        Map<String, String> tokens = platform.tokens(unit, partner);
        long expiresAt = Instant.now().getEpochSecond() + TOKEN_HOURS * 3600L;
        StringBuilder file = new StringBuilder();
        file.append("# ATENSI bearer tokens from Keycloak, one per role (issuer ").append(platform.issuer()).append(").\n");
        file.append("# Load them with: source ").append(show(platform.tokensFile())).append('\n');
        file.append("# expires-at: ").append(expiresAt).append('\n');
        for (String role : LocalRealm.ROLES) {
            String token = tokens.get(role);
            if (token != null && !token.isEmpty()) {
                file.append("export ATENSI_TOKEN_").append(role.toUpperCase(Locale.ROOT)).append('=').append(token).append('\n');
            }
        }
        Path temporary = platform.tokensFile().resolveSibling("tokens.env.tmp");
        try {
            Files.writeString(temporary, file);
            Files.move(temporary, platform.tokensFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fresh when valid for at least ten more minutes. */
    private boolean tokensFresh() {
        try {
            if (!Files.exists(platform.tokensFile())) {
                return false;
            }
            return Files.readAllLines(platform.tokensFile()).stream().filter(line -> line.matches("# expires-at: \\d+")).findFirst()
                    .map(line -> Long.parseLong(line.substring("# expires-at: ".length())))
                    .map(expiresAt -> Instant.now().getEpochSecond() + 600 < expiresAt).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private void printTokenExports() {
        try {
            Files.readAllLines(platform.tokensFile()).stream().filter(line -> line.startsWith("export ATENSI_TOKEN_")).forEach(out::println);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // demo
    // ---------------------------------------------------------------------------------------------

    private int demo(List<String> args) {
        if (!args.isEmpty()) {
            throw new Failure("unknown option for demo: " + args.get(0) + " (see ./atensi help)");
        }
        use(withKeptSettings(dataDirectory(), false));
        Spec gateway = platform.app(App.GATEWAY);
        if (!supervisor.isRunning(gateway)) {
            throw new Failure("the demo loads through the gateway, which is not running: ./atensi start --demo starts the platform and loads it.");
        }
        return loadDemo();
    }

    /** Loads the demo (docs/programme.md's stories and 2,000 synthetic people) through the gateway and prints its users. */
    private int loadDemo() {
        say("");
        say("Loading the demo through the gateway (a minute or a few; a second load changes nothing)...");
        DemoLoader.Result result;
        try {
            result = platform.demoLoader(out).load();
        } catch (RuntimeException e) {
            warn("the demo did not load: " + e.getMessage());
            warn("Loading again (./atensi demo) goes on from where it stopped.");
            return 1;
        }
        say("");
        // Printed, as the demo is for trying the platform out: a local installation's random password, never a committed one.
        say("Demo users (Keycloak realm atensi), each with the password " + platform.demoPassword() + " (kept in "
                + show(platform.keycloakDirectory().resolve("demo-user-password")) + "):");
        for (DemoLoader.DemoUser user : result.users()) {
            say(String.format("  %-44s %-8s %s", user.username(), user.role(), user.worksFor()));
        }
        say("A token for one of them: curl -s " + platform.keycloakUrl() + "/realms/atensi/protocol/openid-connect/token \\");
        say("  -d grant_type=password -d client_id=" + LocalRealm.PASSWORD_CLIENT + " -d username=officer-mulya-jaya \\");
        say("  --data-urlencode password=\"$(cat " + shellQuoted(show(platform.keycloakDirectory().resolve("demo-user-password"))) + ")\"");
        return 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Summary
    // ---------------------------------------------------------------------------------------------

    private void printSummary(boolean infraOnly) {
        String gateway = platform.baseUrl(App.GATEWAY);
        boolean gatewayRuns = supervisor.isRunning(platform.app(App.GATEWAY));
        say("");
        say("ATENSI is running.");
        if (gatewayRuns) {
            row("Gateway:", gateway);
            row("Swagger UI:", gateway + "/q/swagger-ui");
            row("OpenAPI (merged):", gateway + "/q/openapi");
        }
        for (App service : App.services()) {
            if (supervisor.isRunning(platform.app(service))) {
                row(service.name() + ":", platform.baseUrl(service));
            }
        }
        row("PostgreSQL:", platform.externalDatabase() ? "external, " + platform.setting(LocalPlatform.DB_URL)
                : "127.0.0.1:" + platform.postgresPort() + " (user postgres, password postgres)");
        row("Kafka:", platform.externalKafka() ? "external, " + platform.kafkaServers() : "127.0.0.1:" + platform.kafkaPort());
        row("Keycloak:", platform.keycloakUrl() + " (realm atensi; issuer " + platform.issuer() + ")");
        row("Logs:", show(platform.logs()) + "/");
        Path keycloak = platform.keycloakDirectory();
        say("");
        say("Demo users, one per role (admin, officer, partner, auditor, viewer), each with the password in");
        say(show(keycloak.resolve("demo-user-password")) + "; the officer works in unit " + Tokens.LOCAL_UNIT_ID + ", the partner acts for");
        say("partner " + Tokens.LOCAL_PARTNER_ID + ". Keycloak's admin console: " + platform.keycloakUrl() + "/admin (user atensi-bootstrap-admin,");
        say("password in " + show(keycloak.resolve("bootstrap-admin-password")) + ").");
        say("");
        say("Bearer tokens from Keycloak, valid " + TOKEN_HOURS + " h (also in " + show(platform.tokensFile())
                + "; ./atensi tokens prints fresh ones):");
        printTokenExports();
        say("");
        if (infraOnly) {
            printInfraOnlyHint();
        } else if (gatewayRuns) {
            printExample(gateway);
        }
    }

    private void row(String label, String value) {
        say(String.format("  %-21s %s", label, value));
    }

    /** Every indented line below is a command that runs as printed (ReadmeExamplesSystemTest runs them). */
    private void printExample(String gateway) {
        String atensi = "./atensi";
        if (!platform.data().equals(root.resolve(".data"))) {
            atensi = "ATENSI_DATA_DIR=" + shellQuoted(platform.data().toString()) + " ./atensi";
        }
        out.print("""
                Try it: register a service unit as admin, mint an officer token for it, register a beneficiary there as that
                officer and read the record back (each step explained under "Trying it" in deploy/local/README.md):
                  eval "$(%1$s tokens)"
                  unit=$(curl -sS --fail -X POST %2$s/api/v1/service-units -H 'Idempotency-Key: try-it-unit' \\
                    -H "Authorization: Bearer $ATENSI_TOKEN_ADMIN" -H 'Content-Type: application/json' \\
                    -d '{"name":"Balai Rehabilitasi Sosial Try It","kind":"BALAI","provinceCode":"32","residentialCapacity":80}' \\
                    | sed -n 's/^{"id":"\\([^"]*\\)".*/\\1/p')
                  eval "$(%1$s tokens --unit "$unit")"
                  person=$(curl -sS --fail --retry 20 --retry-delay 1 --retry-all-errors -X POST %2$s/api/v1/beneficiaries \\
                    -H 'Idempotency-Key: try-it-person' -H "Authorization: Bearer $ATENSI_TOKEN_OFFICER" -H 'Content-Type: application/json' \\
                    -d '{"fullName":"Budi Santoso","nik":"3201011203850002","birthDate":"1985-03-12","sex":"MALE"}' \\
                    | sed -n 's/^{"id":"\\([^"]*\\)".*/\\1/p')
                  curl -sS %2$s/api/v1/beneficiaries/$person -H "Authorization: Bearer $ATENSI_TOKEN_OFFICER"
                The registration retries for up to 20 s: the beneficiary service learns of a new unit from a Kafka event.

                """.formatted(atensi, gateway));
    }

    private void printInfraOnlyHint() {
        out.print("""
                Only the infrastructure runs. To run a service against it, e.g. in dev mode:
                  QUARKUS_DATASOURCE_JDBC_URL=%s QUARKUS_DATASOURCE_USERNAME=%s \\
                  QUARKUS_DATASOURCE_PASSWORD=%s KAFKA_BOOTSTRAP_SERVERS=%s \\
                  ./mvnw -pl beneficiary-service quarkus:dev
                (dev mode verifies tokens against the Keycloak at %s already.)

                """.formatted(platform.jdbcUrl("beneficiary"), platform.databaseUser(), platform.databasePassword(),
                platform.kafkaServers(), platform.keycloakUrl()));
    }

    static String shellQuoted(String value) {
        if (value.matches("[A-Za-z0-9_./:=@%+-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private int help(PrintStream stream) {
        String apps = String.join(", ", App.names());
        StringBuilder ports = new StringBuilder("  ");
        for (App app : App.ALL) {
            ports.append(app.portVariable()).append(" (").append(app.defaultPort()).append("), ");
        }
        ports.append("ATENSI_PG_PORT (15432), ATENSI_KAFKA_PORT (19092), ATENSI_KEYCLOAK_PORT (8180), ATENSI_PROMETHEUS_PORT (9090)");
        stream.print("""
                ATENSI local launcher: PostgreSQL, Kafka, Keycloak, the services and the gateway on this machine, no Docker.

                Usage: ./atensi COMMAND [OPTIONS]

                Commands:
                  start      build if needed, start whatever is not running yet (saying what it leaves alone), wait until
                             healthy, print URLs and tokens
                               --detach      return once everything is up (default: stay, Ctrl-C stops all)
                               --reset       delete all local data first (databases, Kafka log, Keycloak's secrets, keys, logs)
                               --build       rebuild (./mvnw -B -q install -DskipTests) even if jars exist
                               --skip-build  never build; fail if a packaged jar is missing
                               --infra-only  start only PostgreSQL, Kafka and Keycloak (e.g. for ./mvnw quarkus:dev)
                               --prometheus  also start Prometheus with the cluster's alert rules, scraping every process
                                             (Debian's prometheus package, installed with apt-get when run as root)
                               --demo        then load the demo (./atensi demo)
                  restart NAME
                             stop one process and start it again, waiting until it is healthy; NAME is infrastructure
                             or one of: %s
                  stop       stop every process recorded by start (idempotent)
                  status     each process: its pid and whether it is healthy
                  tokens     print the bearer token exports, fresh from Keycloak when the kept ones expire
                               --unit ID     the service unit the officer token works in (claim unit_id)
                               --partner ID  the organisation the partner token acts for (claim partner_id)
                  demo       load the demo into the running platform through the gateway: docs/programme.md's five stories,
                             2,000 synthetic people and a Keycloak user per role, unit and partner (printed); idempotent
                  help       this text

                Environment:
                %s
                  ATENSI_JAVA_OPTS        JVM options of each service and the gateway (default: %s)
                  ATENSI_INFRA_JAVA_OPTS  JVM options of the infrastructure process (default: %s)
                  ATENSI_DATA_DIR         data directory (default: .data in the repository)
                  ATENSI_APPS             start only these, e.g. "beneficiary-service gateway" (default: all of them)
                  ATENSI_DB_URL, ATENSI_DB_USER, ATENSI_DB_PASSWORD
                                          use an external PostgreSQL (e.g. jdbc:postgresql://host:5432) instead of the
                                          local one; databases %s, keycloak must exist
                  KAFKA_BOOTSTRAP_SERVERS use an external Kafka instead of the local broker

                Details: deploy/local/README.md
                """.formatted(apps, wrap(ports.toString()), LocalPlatform.JAVA_OPTS_DEFAULT, LocalPlatform.INFRA_JAVA_OPTS_DEFAULT,
                String.join(", ", LocalPlatform.databases())));
        return 0;
    }

    /** Breaks a list of "NAME (default), " items into lines of at most 110 characters, each indented by two. */
    private static String wrap(String items) {
        StringBuilder wrapped = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String item : items.trim().split("(?<=\\),) ")) {
            if (line.length() + item.length() + 1 > 108) {
                wrapped.append("  ").append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
            }
            line.append(item).append(' ');
        }
        wrapped.append("  ").append(line.toString().stripTrailing());
        return wrapped.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Settings, data directory, output
    // ---------------------------------------------------------------------------------------------

    private void use(LocalPlatform local) {
        platform = local;
        supervisor = new Supervisor(local.run(), stopGrace, this::say, this::warn);
    }

    /** The data directory, absolute: pid checks compare it with the command lines of processes. */
    private Path dataDirectory() {
        String configured = environment.get("ATENSI_DATA_DIR");
        Path data = configured == null || configured.isBlank() ? root.resolve(".data") : Path.of(configured).toAbsolutePath().normalize();
        createDirectories(data);
        return data;
    }

    /**
     * The platform with the settings the running processes were started with (run/settings.env) over the environment's.
     *
     * @param sayIgnored whether to say which of the environment's settings are not used because of that
     */
    private LocalPlatform withKeptSettings(Path data, boolean sayIgnored) {
        Path file = data.resolve("run/settings.env");
        Map<String, String> merged = new HashMap<>(environment);
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    int equals = line.indexOf('=');
                    if (equals <= 0) {
                        continue;
                    }
                    String name = line.substring(0, equals);
                    String value = line.substring(equals + 1);
                    String given = environment.get(name);
                    if (sayIgnored && given != null && !given.isBlank() && !given.equals(value)) {
                        say("Note: " + name + "=" + given + " is not used: the running processes were started with " + name + "=" + value
                                + " (./atensi stop first to change it).");
                    }
                    merged.put(name, value);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return definition.of(root, data, merged);
    }

    private void keepSettings() {
        Path file = platform.run().resolve("settings.env");
        StringBuilder content = new StringBuilder();
        platform.settingsToKeep().forEach((name, value) -> content.append(name).append('=').append(value).append('\n'));
        try {
            createDirectories(platform.run());
            if (!Files.exists(file)) {
                // It may hold the external database's password.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void reset() {
        say("Resetting: deleting " + show(platform.data()) + " (databases, Kafka log, Keycloak's secrets, keys, logs).");
        for (String part : List.of("postgres", "kafka", "keycloak", "keys", "logs", "run", "tokens.env")) {
            deleteRecursively(platform.data().resolve(part), platform.logs().resolve("build.log"));
        }
    }

    /** Deletes the path, but keeps {@code kept} (the log of the build that ./atensi has just run) and its directories. */
    private static void deleteRecursively(Path path, Path kept) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Collections.reverseOrder()).toList()) {
                if (!each.equals(kept) && !kept.startsWith(each)) {
                    Files.delete(each);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + path, e);
        }
    }

    private static void createDirectories(Path... directories) {
        try {
            for (Path directory : directories) {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path as the user would type it from the repository root. */
    String show(Path path) {
        return path.startsWith(root) && !path.equals(root) ? root.relativize(path).toString() : path.toString();
    }

    private void showTail(Path log, int lines) {
        if (log != null && Files.exists(log)) {
            err.println("----- last " + lines + " lines of " + show(log) + " -----");
            Supervisor.tail(log, lines).forEach(err::println);
            err.println("-----");
        }
    }

    private void say(String line) {
        out.println(line);
    }

    private void warn(String line) {
        err.println("atensi: " + line);
    }
}
