package id.atensi.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keycloak's server distribution (unpacked by the {@code atensi-keycloak-server} module) run as its own process
 * on a database of the platform's PostgreSQL: the identity provider of {@code ./atensi} and of the tests.
 * The first start in a distribution builds it for PostgreSQL once ({@code kc.sh build}); every start after that
 * is {@code kc.sh start --optimized}, which skips Keycloak's own build step and starts in seconds.
 */
public final class LocalKeycloak extends RestartableProcess {

    /** Build-time options of the distribution. */
    static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true", "--metrics-enabled=true");

    private static final String BOOTSTRAP_ADMIN = "atensi-bootstrap-admin";
    private static final String BOOTSTRAP_ADMIN_PASSWORD_FILE = "bootstrap-admin-password";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    // The first start on an empty database creates Keycloak's schema: about a minute on a quiet machine, more when busy.
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    /** Where Keycloak's tables live and how to reach them. */
    public record Database(String jdbcUrl, String user, String password) {
    }

    private final Path home;
    private final Path directory;
    private final int port;
    private final int managementPort;
    private final Database database;
    private final Path logFile;
    private final String adminPassword;

    private LocalKeycloak(Path home, Path directory, int port, Database database) {
        super("Keycloak", Duration.ofSeconds(30));
        this.home = home;
        this.directory = directory;
        this.port = port;
        this.managementPort = Ports.free();
        this.database = database;
        this.logFile = directory.resolve("keycloak.log");
        this.adminPassword = Secrets.kept(directory.resolve(BOOTSTRAP_ADMIN_PASSWORD_FILE));
    }

    /**
     * @param distribution the unpacked distribution's parent ({@code deploy/local/keycloak-server/target/keycloak}) or
     *                     the distribution itself
     * @param directory    this instance's own files (log, transaction log, bootstrap admin password), kept between starts
     * @param port         the HTTP port; 0 picks a free one
     */
    public static LocalKeycloak start(Path distribution, Path directory, int port, Database database) {
        Path home = home(distribution);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        build(home);
        LocalKeycloak keycloak = new LocalKeycloak(home, directory, port > 0 ? port : Ports.free(), database);
        keycloak.launch();
        return keycloak;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String issuer() {
        return url() + "/realms/" + KeycloakAdmin.REALM;
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    /** The administrator Keycloak made at its first start (master realm), for setting up the ATENSI realm. */
    public KeycloakAdmin admin() {
        return new KeycloakAdmin(url(), BOOTSTRAP_ADMIN, adminPassword);
    }

    /** The administrator of a Keycloak started earlier, by another process, with this instance directory. */
    public static KeycloakAdmin adminOf(String url, Path directory) {
        Path password = directory.resolve(BOOTSTRAP_ADMIN_PASSWORD_FILE);
        if (!Files.exists(password)) {
            throw new IllegalStateException("no Keycloak was started with " + directory + " (" + password + " is missing)");
        }
        return new KeycloakAdmin(url, BOOTSTRAP_ADMIN, Secrets.kept(password));
    }

    private static Path home(Path distribution) {
        if (Files.exists(distribution.resolve("bin/kc.sh"))) {
            return distribution;
        }
        try (Stream<Path> children = Files.list(distribution)) {
            return children.filter(child -> Files.exists(child.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak distribution in " + distribution
                            + ": build it with ./mvnw -pl deploy/local/keycloak-server generate-resources"));
        } catch (IOException e) {
            throw new IllegalStateException("no Keycloak distribution in " + distribution
                    + ": build it with ./mvnw -pl deploy/local/keycloak-server generate-resources", e);
        }
    }

    /** Runs {@code kc.sh build} once per distribution; a lock keeps two JVMs (a test run and ./atensi) from racing. */
    private static void build(Path home) {
        Path marker = home.resolve("lib/quarkus/atensi-build-options");
        String wanted = String.join(" ", BUILD_OPTIONS);
        try (FileChannel lockFile = FileChannel.open(home.resolve("atensi-build.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.exists(marker) && Files.readString(marker).equals(wanted)) {
                return;
            }
            Path log = home.resolve("atensi-build.log");
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            command.addAll(BUILD_OPTIONS);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", Java.home());
            Process building = builder.start();
            if (!building.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || building.exitValue() != 0) {
                building.destroyForcibly();
                throw new IllegalStateException("building Keycloak for PostgreSQL failed; see " + log);
            }
            Files.writeString(marker, wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("could not build Keycloak in " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building Keycloak", e);
        }
    }

    @Override
    protected void launch() {
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + managementPort,
                // A single local node keeps its caches in memory instead of looking for cluster peers.
                "--cache=local",
                // The issuer every token names, whatever host name a caller used to reach Keycloak.
                "--hostname=" + url(), "--hostname-backchannel-dynamic=false",
                "--db-url=" + database.jdbcUrl(), "--log-level=INFO,org.keycloak.events:DEBUG");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", Java.home());
        // Passwords through the environment, not the command line that every user of the machine can list.
        environment.put("KC_DB_USERNAME", database.user());
        environment.put("KC_DB_PASSWORD", database.password());
        // Used only while the master realm has no administrator, that is at the first start on a database.
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m");
        // Each instance keeps its transaction log in its own directory, not in the shared distribution.
        environment.put("JAVA_OPTS_APPEND", "-Dquarkus.transaction-manager.object-store.directory="
                + directory.resolve("transaction-logs").toAbsolutePath());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        ChildProcesses.awaitHealthy(process, URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), READY_TIMEOUT, "Keycloak", logFile);
    }
}
