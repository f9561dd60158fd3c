package id.atensi.local.launcher;

import id.atensi.local.LocalKeycloak;
import id.atensi.local.LocalRealm;
import id.atensi.local.demo.DemoLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The platform as {@code ./atensi} runs it on one machine: the infrastructure process ({@code LocalMain
 * infrastructure}: PostgreSQL, the Kafka broker and Keycloak, or an external PostgreSQL and/or Kafka instead of the
 * embedded ones) and every {@link App}, with their ports and settings from the environment, everything under the
 * data directory.
 */
public class LocalPlatform {

    public static final String INFRASTRUCTURE = "infrastructure";
    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String KEYCLOAK = "keycloak";

    static final String PG_PORT = "ATENSI_PG_PORT";
    static final String KAFKA_PORT = "ATENSI_KAFKA_PORT";
    static final String KEYCLOAK_PORT = "ATENSI_KEYCLOAK_PORT";
    static final String DB_URL = "ATENSI_DB_URL";
    static final String DB_USER = "ATENSI_DB_USER";
    static final String DB_PASSWORD = "ATENSI_DB_PASSWORD";
    static final String KAFKA_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    static final String JAVA_OPTS = "ATENSI_JAVA_OPTS";
    static final String INFRA_JAVA_OPTS = "ATENSI_INFRA_JAVA_OPTS";

    static final String JAVA_OPTS_DEFAULT = "-Xmx256m";
    /** The first start on a machine unpacks PostgreSQL's xz archive in this process: 96 MB of heap was too little for that. */
    static final String INFRA_JAVA_OPTS_DEFAULT = "-Xmx160m -XX:+UseSerialGC";

    private final Path root;
    private final Path data;
    private final Map<String, String> environment;
    private final String classpath;

    /**
     * @param environment the settings (ATENSI_* variables, KAFKA_BOOTSTRAP_SERVERS)
     * @param classpath   the infrastructure process' class path: the launcher's own
     */
    public LocalPlatform(Path root, Path data, Map<String, String> environment, String classpath) {
        this.root = root;
        this.data = data;
        this.environment = environment;
        this.classpath = classpath;
    }

    public Path root() {
        return root;
    }

    public Path data() {
        return data;
    }

    public Path logs() {
        return data.resolve("logs");
    }

    public Path run() {
        return data.resolve("run");
    }

    public Path keys() {
        return data.resolve("keys");
    }

    public Path tokensFile() {
        return data.resolve("tokens.env");
    }

    public Path keycloakDirectory() {
        return data.resolve("keycloak");
    }

    // ---------------------------------------------------------------------------------------------
    // Settings
    // ---------------------------------------------------------------------------------------------

    String setting(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    int port(String variable, int defaultPort) {
        String value = setting(variable);
        if (value == null) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Refused below, naming the variable.
        }
        throw new IllegalArgumentException(variable + "=" + value + " is not a port number");
    }

    public int postgresPort() {
        return port(PG_PORT, 15432);
    }

    public int kafkaPort() {
        return port(KAFKA_PORT, 19092);
    }

    public int keycloakPort() {
        return port(KEYCLOAK_PORT, 8180);
    }

    public int port(App app) {
        return port(app.portVariable(), app.defaultPort());
    }

    public Map<String, Integer> appPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        App.ALL.forEach(app -> ports.put(app.name(), port(app)));
        return ports;
    }

    public boolean externalDatabase() {
        return setting(DB_URL) != null;
    }

    public boolean externalKafka() {
        return setting(KAFKA_SERVERS) != null;
    }

    public String keycloakUrl() {
        return "http://127.0.0.1:" + keycloakPort();
    }

    public String issuer() {
        return keycloakUrl() + "/realms/atensi";
    }

    public String baseUrl(App app) {
        return "http://localhost:" + port(app);
    }

    public String databaseUser() {
        return externalDatabase() ? orDefault(DB_USER, "postgres") : "postgres";
    }

    public String databasePassword() {
        return externalDatabase() ? orDefault(DB_PASSWORD, "postgres") : "postgres";
    }

    public String kafkaServers() {
        return externalKafka() ? setting(KAFKA_SERVERS) : "127.0.0.1:" + kafkaPort();
    }

    /**
     * ATENSI_DB_URL may name a database ({@code jdbc:postgresql://host:5432/postgres?ssl=true}) or not
     * ({@code jdbc:postgresql://host:5432}); each service gets its own database on that server, the query kept.
     */
    public String jdbcUrl(String database) {
        if (!externalDatabase()) {
            return "jdbc:postgresql://127.0.0.1:" + postgresPort() + "/" + database;
        }
        String url = setting(DB_URL);
        String query = "";
        int question = url.indexOf('?');
        if (question >= 0) {
            query = url.substring(question);
            url = url.substring(0, question);
        }
        String host = url.replaceFirst("^jdbc:postgresql://", "");
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        return "jdbc:postgresql://" + host + "/" + database + query;
    }

    /** The databases of every application with one, for the embedded PostgreSQL to create. */
    public static List<String> databases() {
        return App.ALL.stream().map(App::database).filter(database -> database != null).toList();
    }

    /** The variables a start was given, kept in run/settings.env so that later commands use the same ports and servers. */
    public Map<String, String> settingsToKeep() {
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put(PG_PORT, String.valueOf(postgresPort()));
        kept.put(KAFKA_PORT, String.valueOf(kafkaPort()));
        kept.put(KEYCLOAK_PORT, String.valueOf(keycloakPort()));
        App.ALL.forEach(app -> kept.put(app.portVariable(), String.valueOf(port(app))));
        kept.put(LocalPrometheus.PORT, String.valueOf(prometheus().port()));
        for (String name : List.of(DB_URL, DB_USER, DB_PASSWORD, KAFKA_SERVERS, JAVA_OPTS, INFRA_JAVA_OPTS)) {
            if (setting(name) != null) {
                kept.put(name, setting(name));
            }
        }
        return kept;
    }

    private String orDefault(String name, String defaultValue) {
        String value = setting(name);
        return value == null ? defaultValue : value;
    }

    private List<String> options(String variable, String defaultValue) {
        String value = orDefault(variable, defaultValue).trim();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }

    // ---------------------------------------------------------------------------------------------
    // Processes
    // ---------------------------------------------------------------------------------------------

    /** What the infrastructure process starts, for messages: "PostgreSQL, Kafka and Keycloak". */
    public String infrastructureParts() {
        List<String> parts = new ArrayList<>();
        if (!externalDatabase()) {
            parts.add("PostgreSQL");
        }
        if (!externalKafka()) {
            parts.add("Kafka");
        }
        return parts.isEmpty() ? "Keycloak" : String.join(", ", parts) + " and Keycloak";
    }

    public Spec infrastructure() {
        List<String> command = new ArrayList<>();
        command.add(Spec.java());
        command.addAll(options(INFRA_JAVA_OPTS, INFRA_JAVA_OPTS_DEFAULT));
        command.addAll(List.of("-cp", classpath, "id.atensi.local.LocalMain", INFRASTRUCTURE, "--data", data.toString()));
        List<Spec.PortUse> ports = new ArrayList<>();
        if (!externalDatabase()) {
            command.addAll(List.of("--postgres-port", String.valueOf(postgresPort()), "--databases", String.join(",", databases())));
            ports.add(new Spec.PortUse(postgresPort(), PG_PORT));
        }
        if (!externalKafka()) {
            command.addAll(List.of("--kafka-port", String.valueOf(kafkaPort()), "--kafka-libs", kafkaLibs().toString()));
            ports.add(new Spec.PortUse(kafkaPort(), KAFKA_PORT));
        }
        command.addAll(List.of("--keycloak-port", String.valueOf(keycloakPort()), "--keycloak-home", keycloakHome().toString(),
                "--console-redirect-uri", baseUrl(App.GATEWAY) + "/*"));
        ports.add(new Spec.PortUse(keycloakPort(), KEYCLOAK_PORT));
        if (externalDatabase()) {
            // Keycloak's tables go into a database of its own on the external server, beside the services' ones.
            command.addAll(List.of("--keycloak-db-url", jdbcUrl("keycloak"), "--keycloak-db-user", databaseUser(),
                    "--keycloak-db-password", databasePassword()));
        }
        return new Spec(INFRASTRUCTURE, "local infrastructure", command, Map.of(), logs().resolve("infrastructure.log"),
                Readiness.logLine("READY"), "infrastructure --data " + data, ports, Spec.Signal.TERM);
    }

    /** The infrastructure's servers, recorded so that {@code stop} ends them should the infrastructure process die. */
    public List<Spec> infrastructureServers() {
        return List.of(keycloak(), kafka(), postgres());
    }

    public Spec postgres() {
        return Spec.recordedOnly(POSTGRES, "PostgreSQL", "-D " + data.resolve("postgres"),
                Readiness.running("127.0.0.1:" + postgresPort()), Spec.Signal.INT);
    }

    public Spec kafka() {
        return Spec.recordedOnly(KAFKA, "Kafka broker", "kafka.Kafka " + data.resolve("kafka/server.properties"),
                Readiness.running("127.0.0.1:" + kafkaPort()), Spec.Signal.TERM);
    }

    public Spec keycloak() {
        return Spec.recordedOnly(KEYCLOAK, "Keycloak", "object-store.directory=" + data.resolve("keycloak/transaction-logs"),
                Readiness.http(issuer() + "/.well-known/openid-configuration", keycloakUrl()), Spec.Signal.TERM);
    }

    public Spec app(App app) {
        return app.spec(root, appPorts(), backing(), options(JAVA_OPTS, JAVA_OPTS_DEFAULT), logs());
    }

    /**
     * Records the servers the infrastructure process runs: the Kafka broker and Keycloak (its child JVMs; Keycloak's is
     * a grandchild, under kc.sh) and PostgreSQL (started through pg_ctl, so not a child).
     */
    public void recordInfrastructureServers(Supervisor supervisor, long infrastructurePid) {
        if (!externalDatabase()) {
            Path postmaster = data.resolve("postgres/postmaster.pid");
            try {
                if (Files.exists(postmaster)) {
                    String pid = Files.readAllLines(postmaster).get(0).trim();
                    supervisor.record(POSTGRES, Long.parseLong(pid));
                }
            } catch (IOException | RuntimeException e) {
                // Not recorded: stop still ends it through the infrastructure process, as long as that one lives.
            }
        }
        if (!externalKafka()) {
            Supervisor.descendant(infrastructurePid, kafka().marker()).ifPresent(pid -> supervisor.record(KAFKA, pid));
        }
        Supervisor.descendant(infrastructurePid, keycloak().marker()).ifPresent(pid -> supervisor.record(KEYCLOAK, pid));
    }

    /** Every process, in the order {@code status} shows them. */
    public List<Spec> all() {
        List<Spec> all = new ArrayList<>();
        all.add(infrastructure());
        all.add(postgres());
        all.add(kafka());
        all.add(keycloak());
        App.ALL.forEach(app -> all.add(app(app)));
        all.add(prometheus().recorded());
        return all;
    }

    /** The Prometheus of {@code ./atensi start --prometheus}. */
    public LocalPrometheus prometheus() {
        return new LocalPrometheus(this);
    }

    /** Access tokens of the demo users, one per role, fresh from the infrastructure's Keycloak. */
    public Map<String, String> tokens(String unitId, String partnerId) {
        Path directory = keycloakDirectory();
        return LocalRealm.attach(LocalKeycloak.adminOf(keycloakUrl(), directory), directory).tokens(unitId, partnerId);
    }

    /**
     * The demo loader for this platform: through its gateway, its demo users made in its Keycloak with the installation's
     * demo password (the one of the other demo users).
     */
    public DemoLoader demoLoader(PrintStream progress) {
        Path directory = keycloakDirectory();
        return new DemoLoader(baseUrl(App.GATEWAY), LocalKeycloak.adminOf(keycloakUrl(), directory), demoPassword(), progress);
    }

    /** The password of this installation's demo users (random, made on first use, kept in Keycloak's directory). */
    public String demoPassword() {
        Path directory = keycloakDirectory();
        return LocalRealm.attach(LocalKeycloak.adminOf(keycloakUrl(), directory), directory).demoPassword();
    }

    // ---------------------------------------------------------------------------------------------
    // Artifacts
    // ---------------------------------------------------------------------------------------------

    public Path kafkaLibs() {
        return root.resolve("deploy/local/kafka-broker/target/kafka-libs");
    }

    public Path keycloakHome() {
        return root.resolve("deploy/local/keycloak-server/target/keycloak");
    }

    /** The packaged files the start of these applications needs that are not there (./atensi checks the launcher's own). */
    public List<Path> missingArtifacts(List<App> apps) {
        List<Path> needed = new ArrayList<>(List.of(kafkaLibs(), keycloakHome()));
        apps.forEach(app -> needed.add(app.jar(root)));
        return needed.stream().filter(path -> !Files.exists(path)).toList();
    }

    // ---------------------------------------------------------------------------------------------
    // What the applications run against
    // ---------------------------------------------------------------------------------------------

    public Backing backing() {
        return new Backing() {
            @Override
            public String jdbcUrl(String database) {
                return LocalPlatform.this.jdbcUrl(database);
            }

            @Override
            public String databaseUser() {
                return LocalPlatform.this.databaseUser();
            }

            @Override
            public String databasePassword() {
                return LocalPlatform.this.databasePassword();
            }

            @Override
            public String kafkaServers() {
                return LocalPlatform.this.kafkaServers();
            }

            @Override
            public String keycloakUrl() {
                return LocalPlatform.this.keycloakUrl();
            }

            @Override
            public String partnerServiceSecret() {
                Path secret = keycloakDirectory().resolve("partner-service-secret");
                try {
                    return Files.exists(secret) ? Files.readString(secret).trim() : "";
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Map<String, String> personalDataKeys() {
                return LocalPlatform.this.personalDataKeys();
            }
        };
    }

    /**
     * beneficiary-service's keys, made on first start and kept beside the data they protect (a reset wipes both);
     * keys given in the environment win (the service reads them there itself).
     */
    Map<String, String> personalDataKeys() {
        if (setting("ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID") != null) {
            return Map.of();
        }
        Path file = keys().resolve("personal-data.env");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(keys());
                SecureRandom random = new SecureRandom();
                String content = "ATENSI_BENEFICIARY_PII_KEYS_LOCAL1=" + randomKey(random) + "\n"
                        + "ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID=local1\n"
                        + "ATENSI_BENEFICIARY_PII_HASH_KEY=" + randomKey(random) + "\n";
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, content);
            }
            return Files.readAllLines(file).stream().filter(line -> line.contains("="))
                    .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1),
                            (first, second) -> second, LinkedHashMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the personal-data keys in " + file, e);
        }
    }

    private static String randomKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
