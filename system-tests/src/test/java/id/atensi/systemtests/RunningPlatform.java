package id.atensi.systemtests;

import id.atensi.local.Ports;
import id.atensi.local.launcher.App;
import id.atensi.local.launcher.Backing;
import id.atensi.local.launcher.Spec;
import id.atensi.local.launcher.Supervisor;
import id.atensi.testing.HarnessBacking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged services and the gateway, started by ./atensi's own definition of them ({@link App#ALL}, their settings
 * and {@link Supervisor}) against the test harness' PostgreSQL, Kafka and Keycloak, which stand in for the launcher's
 * infrastructure process as an external database and Kafka do. Tests reach the platform through the gateway only.
 * Each application runs from a copy of its packaged {@code target/quarkus-app} under system-tests/target/platform-apps,
 * made when the platform starts: a service's jars are read lazily while it runs, and a build of that module in the
 * same work tree meanwhile (another test run, a developer's) rewrites them, which once left aid-service's event loop
 * waiting forever on a class it could no longer load.
 */
final class RunningPlatform implements AutoCloseable {

    /** The services' short names (beneficiary, partner, ...): serviceUrl's argument. */
    static final List<String> SERVICES = App.services().stream().map(App::key).toList();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final List<String> JAVA_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private final Path root;
    /** Where the copies of the packaged applications are, laid out as in the repository (<app>/target/quarkus-app). */
    private final Path apps;
    private final Path logs;
    private final Supervisor supervisor;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Spec> specs = new ArrayList<>();

    private RunningPlatform(Path root) {
        this.root = root;
        this.apps = root.resolve("system-tests/target/platform-apps");
        this.logs = root.resolve("system-tests/target/platform-logs");
        this.supervisor = new Supervisor(root.resolve("system-tests/target/platform-run"), STOP_GRACE, System.out::println, System.err::println);
    }

    static RunningPlatform start() {
        String rootProperty = System.getProperty("atensi-repository-root");
        if (rootProperty == null) {
            throw new IllegalStateException("run the system tests through the Maven reactor (atensi-repository-root is not set)");
        }
        RunningPlatform platform = new RunningPlatform(Path.of(rootProperty));
        try {
            platform.startAll();
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get(App.GATEWAY.name());
    }

    /** A service's own address, for comparing what the gateway shows with what the service itself publishes. */
    String serviceUrl(String service) {
        return "http://127.0.0.1:" + ports.get(service + "-service");
    }

    Path root() {
        return root;
    }

    /** Stops one application (as ./atensi restart does), the others running on. */
    void stop(String app) {
        supervisor.stop(List.of(spec(app)));
    }

    /**
     * Starts one stopped application again with the settings it had (the same personal-data keys: a fresh spec would
     * make new ones, and the beneficiary database's NIK numbers could no longer be read).
     */
    void start(String app) {
        Spec spec = spec(app);
        supervisor.launch(spec);
        try {
            supervisor.awaitReady(List.of(spec), START_TIMEOUT, (started, took) -> { });
        } catch (Supervisor.StartFailure e) {
            throw new IllegalStateException(e.getMessage() + "; the end of " + spec.log() + ":\n"
                    + String.join("\n", Supervisor.tail(spec.log(), 40)), e);
        }
    }

    private Spec spec(String app) {
        return specs.stream().filter(spec -> spec.name().equals(app)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(app + " is none of the platform's applications"));
    }

    private void startAll() {
        // A run killed before its close left these recorded: stop them rather than fail on their ports or data.
        close();
        App.ALL.forEach(app -> ports.put(app.name(), Ports.free()));
        // Each service's database is <name>_system, apart from those of the service tests.
        Backing backing = HarnessBacking.withKeycloak(database -> database + "_system");
        for (App app : App.ALL) {
            if (!Files.exists(app.jar(root))) {
                throw new IllegalStateException(app.jar(root) + " is missing: package the platform first (./mvnw install)");
            }
            copy(app.jar(root).getParent(), app.jar(apps).getParent());
            specs.add(app.spec(apps, ports, backing, JAVA_OPTIONS, logs));
        }
        specs.forEach(supervisor::launch);
        try {
            supervisor.awaitReady(specs, START_TIMEOUT, (spec, took) -> { });
        } catch (Supervisor.StartFailure e) {
            throw new IllegalStateException(e.getMessage() + "; the end of " + e.spec().log() + ":\n"
                    + String.join("\n", Supervisor.tail(e.spec().log(), 40)), e);
        }
    }

    /** Replaces the copy at target with the directory tree at source. */
    private static void copy(Path source, Path target) {
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.walk(target)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(target.getParent());
            try (Stream<Path> tree = Files.walk(source)) {
                for (Path path : tree.toList()) {
                    Files.copy(path, target.resolve(source.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + source + " to " + target, e);
        }
    }

    /** Stops every application recorded in system-tests/target/platform-run, together. */
    @Override
    public void close() {
        supervisor.stop(App.ALL.stream().map(app -> app.recorded(apps)).toList());
    }
}
