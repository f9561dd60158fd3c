package id.atensi.testing;

import id.atensi.local.LocalKafka;
import id.atensi.local.LocalKeycloak;
import id.atensi.local.LocalPostgres;
import id.atensi.local.LocalRealm;
import id.atensi.local.SigningKeys;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The real PostgreSQL and Kafka that tests talk to, started once per test JVM. Choice, in order:
 * servers named by the environment ({@code ATENSI_DB_URL}, {@code ATENSI_DB_USER}, {@code ATENSI_DB_PASSWORD},
 * {@code KAFKA_BOOTSTRAP_SERVERS}); containers where a Docker engine answers; otherwise the embedded
 * PostgreSQL server binaries and a Kafka broker process. A missing piece fails the test with a message
 * saying what is missing; nothing is skipped.
 */
public final class TestInfrastructure {

    private static TestInfrastructure instance;
    private static TestKeycloak keycloak;

    private final Database database;
    private final Broker broker;
    private final SigningKeys keys;

    private TestInfrastructure(Database database, Broker broker, SigningKeys keys) {
        this.database = database;
        this.broker = broker;
        this.keys = keys;
    }

    private static final String STARTED = "atensi-test-infrastructure";

    /**
     * The infrastructure of this JVM. Quarkus loads test code and test resources through different class
     * loaders, so the servers' addresses are kept in system properties: a second class loader attaches to
     * the running servers instead of starting another pair.
     */
    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = System.getProperty(STARTED) != null ? attach() : start();
        }
        return instance;
    }

    private static TestInfrastructure attach() {
        Database database = new Database(System.getProperty(STARTED + ".db-url"), System.getProperty(STARTED + ".db-user"),
                System.getProperty(STARTED + ".db-password"), () -> { });
        Broker broker = new Broker(System.getProperty(STARTED + ".kafka"), null, () -> { });
        return new TestInfrastructure(database, broker, SigningKeys.inDirectory(Path.of(System.getProperty(STARTED + ".keys"))));
    }

    /** A JDBC URL for the named database on the test server, created when missing. */
    public String jdbcUrl(String databaseName) {
        return database.ensure(databaseName);
    }

    public String dbUser() {
        return database.user();
    }

    public String dbPassword() {
        return database.password();
    }

    public String kafkaBootstrapServers() {
        return broker.bootstrapServers();
    }

    public SigningKeys signingKeys() {
        return keys;
    }

    /**
     * The identity provider: a real Keycloak on the test PostgreSQL, started on the first call in this JVM (it takes
     * a minute or more the first time, which only tests that need it should pay), the realm imported from the
     * repository's definition.
     */
    public static synchronized TestKeycloak keycloak() {
        if (keycloak == null) {
            TestInfrastructure infrastructure = get();
            keycloak = System.getProperty(STARTED + ".keycloak") != null ? infrastructure.attachKeycloak() : infrastructure.startKeycloak();
        }
        return keycloak;
    }

    private TestKeycloak startKeycloak() {
        Path directory = Path.of(System.getProperty(STARTED + ".work")).resolve("keycloak");
        // Keycloak's first administrator is made only on an empty database: each run starts from one.
        LocalKeycloak.Database keycloakDatabase = new LocalKeycloak.Database(database.recreate("atensi_test_keycloak"), database.user(), database.password());
        LocalKeycloak process = LocalKeycloak.start(keycloakDistribution(), directory, 0, keycloakDatabase);
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, "atensi-test-keycloak-stop"));
        LocalRealm realm;
        try {
            realm = LocalRealm.setUp(process.admin(), directory, "http://127.0.0.1/*");
        } catch (RuntimeException e) {
            process.close();
            throw new IllegalStateException("Keycloak started but the ATENSI realm could not be set up; see " + process.logFile(), e);
        }
        System.setProperty(STARTED + ".keycloak", process.url());
        return new TestKeycloak(process.url(), process.admin(), realm, process);
    }

    private TestKeycloak attachKeycloak() {
        String url = System.getProperty(STARTED + ".keycloak");
        Path directory = Path.of(System.getProperty(STARTED + ".work")).resolve("keycloak");
        var admin = LocalKeycloak.adminOf(url, directory);
        return new TestKeycloak(url, admin, LocalRealm.attach(admin, directory), null);
    }

    private static Path keycloakDistribution() {
        String configured = System.getProperty("atensi-keycloak-home", System.getenv("ATENSI_KEYCLOAK_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String root = System.getProperty("atensi-repository-root");
        if (root == null) {
            throw new IllegalStateException("cannot find Keycloak's server distribution: set -Datensi-keycloak-home, or run the tests through the Maven reactor");
        }
        return Path.of(root, "deploy", "local", "keycloak-server", "target", "keycloak");
    }

    /** The embedded broker, which tests can kill and restart; empty for an external or containerised one, or when attached. */
    public Optional<LocalKafka> killableKafka() {
        return broker.local();
    }

    private static TestInfrastructure start() {
        Path workDirectory = workDirectory();
        SigningKeys keys = SigningKeys.inDirectory(workDirectory.resolve("keys"));
        boolean docker = dockerAnswers();
        Database database = externalDatabase().orElseGet(() -> docker ? Database.container() : Database.embedded());
        Broker broker = externalBroker().orElseGet(() -> docker ? Broker.container() : Broker.embedded(workDirectory.resolve("kafka")));
        TestInfrastructure started = new TestInfrastructure(database, broker, keys);
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "atensi-test-infrastructure-stop"));
        System.setProperty(STARTED + ".db-url", database.adminUrl());
        System.setProperty(STARTED + ".db-user", database.user());
        System.setProperty(STARTED + ".db-password", database.password());
        System.setProperty(STARTED + ".kafka", broker.bootstrapServers());
        System.setProperty(STARTED + ".keys", keys.privateKeyFile().getParent().toString());
        System.setProperty(STARTED + ".work", workDirectory.toString());
        System.setProperty(STARTED, "started");
        return started;
    }

    private void stop() {
        broker.stop();
        database.stop();
    }

    private static boolean dockerAnswers() {
        if ("false".equalsIgnoreCase(System.getenv("ATENSI_TEST_DOCKER"))) {
            return false;
        }
        boolean noEngineConfigured = System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (noEngineConfigured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Path workDirectory() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "atensi-test-infrastructure-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test infrastructure's work directory", e);
        }
    }

    private static Optional<Database> externalDatabase() {
        String url = System.getenv("ATENSI_DB_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Database(url, env("ATENSI_DB_USER", "postgres"), env("ATENSI_DB_PASSWORD", "postgres"), () -> { }));
    }

    private static Optional<Broker> externalBroker() {
        String servers = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (servers == null || servers.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Broker(servers, null, () -> { }));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A server reached through an administrative URL (its {@code postgres} database); test databases are made beside it. */
    private record Database(String adminUrl, String user, String password, Runnable stopper) {

        static Database embedded() {
            LocalPostgres postgres = LocalPostgres.start(null, 0);
            postgres.ensureDatabase("atensi_probe");
            return new Database(postgres.jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD, postgres::close);
        }

        @SuppressWarnings("resource")
        static Database container() {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword(), container::stop);
        }

        String ensure(String name) {
            try (Connection connection = DriverManager.getConnection(adminUrl, user, password)) {
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet row = exists.executeQuery()) {
                        if (!row.next()) {
                            try (Statement create = connection.createStatement()) {
                                create.execute("CREATE DATABASE " + name);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL for tests is not usable at " + adminUrl + ": " + e.getMessage(), e);
            }
            int slash = adminUrl.lastIndexOf('/');
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + name + (query < 0 ? "" : adminUrl.substring(query));
        }

        /** A JDBC URL for the named database, dropped first if it exists. */
        String recreate(String name) {
            try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                 Statement drop = connection.createStatement()) {
                drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL for tests is not usable at " + adminUrl + ": " + e.getMessage(), e);
            }
            return ensure(name);
        }

        void stop() {
            stopper.run();
        }
    }

    private record Broker(String bootstrapServers, LocalKafka localKafka, Runnable stopper) {

        static Broker embedded(Path directory) {
            Path libraries = kafkaLibraries();
            LocalKafka kafka = LocalKafka.start(libraries, directory, 0);
            return new Broker(kafka.bootstrapServers(), kafka, kafka::close);
        }

        @SuppressWarnings("resource")
        static Broker container() {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            return new Broker(container.getBootstrapServers(), null, container::stop);
        }

        Optional<LocalKafka> local() {
            return Optional.ofNullable(localKafka);
        }

        void stop() {
            stopper.run();
        }

        private static Path kafkaLibraries() {
            String configured = System.getProperty("atensi-kafka-libs", System.getenv("ATENSI_KAFKA_LIBS"));
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured);
            }
            String root = System.getProperty("atensi-repository-root");
            if (root == null) {
                throw new IllegalStateException("cannot find the Kafka broker jars: set -Datensi-kafka-libs, or run the tests through the Maven reactor");
            }
            return Path.of(root, "deploy", "local", "kafka-broker", "target", "kafka-libs");
        }
    }
}
