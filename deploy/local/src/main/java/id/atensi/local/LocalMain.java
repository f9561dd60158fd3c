package id.atensi.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code ./atensi} for what needs a JVM:
 * <ul>
 * <li>{@code infrastructure}: starts PostgreSQL, Kafka and Keycloak with persistent data (the ATENSI realm and one
 * demo user per role on first start), prints one READY line, and keeps them running until this process is asked to
 * stop (SIGTERM / Ctrl-C), then stops them;</li>
 * <li>{@code tokens}: prints one bearer token per role, fresh from Keycloak; the partner token acts for
 * {@code --partner}, the officer token works in {@code --unit}.</li>
 * </ul>
 */
public final class LocalMain {

    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "infrastructure" -> infrastructure(options);
            case "tokens" -> tokens(options);
            default -> usage();
        }
    }

    /**
     * Starts whichever is asked for: {@code --postgres-port} (with {@code --databases}), {@code --kafka-port} (with
     * {@code --kafka-libs}), {@code --keycloak-port} (with {@code --keycloak-home} and {@code --console-redirect-uri});
     * an external server stands in for the one left out. Keycloak keeps its data in the embedded PostgreSQL's
     * {@code keycloak} database, or in the one {@code --keycloak-db-url} names.
     */
    private static void infrastructure(Map<String, String> options) throws InterruptedException {
        Path data = Path.of(required(options, "data"));
        boolean wantPostgres = options.containsKey("postgres-port");
        boolean wantKafka = options.containsKey("kafka-port");
        boolean wantKeycloak = options.containsKey("keycloak-port");
        if (!wantPostgres && !wantKafka && !wantKeycloak) {
            fail("nothing to start: give --postgres-port, --kafka-port and/or --keycloak-port");
        }
        if (wantKeycloak && !wantPostgres && !options.containsKey("keycloak-db-url")) {
            fail("Keycloak needs a database: give --postgres-port or --keycloak-db-url");
        }
        for (String option : new String[] {"postgres-port", "kafka-port", "keycloak-port"}) {
            if (options.containsKey(option) && Ports.inUse(Integer.parseInt(options.get(option)))) {
                fail("port " + options.get(option) + " is already in use by another program; free it or choose another port");
            }
        }
        List<AutoCloseable> started = new ArrayList<>();
        StringBuilder ready = new StringBuilder("READY");
        LocalPostgres postgres = null;
        try {
            if (wantPostgres) {
                postgres = LocalPostgres.start(data.resolve("postgres"), Integer.parseInt(options.get("postgres-port")));
                started.add(postgres);
                for (String database : required(options, "databases").split(",")) {
                    postgres.ensureDatabase(database.trim());
                }
                ready.append(" postgres=127.0.0.1:").append(postgres.port());
            }
            if (wantKafka) {
                LocalKafka kafka = LocalKafka.start(Path.of(required(options, "kafka-libs")), data.resolve("kafka"),
                        Integer.parseInt(options.get("kafka-port")));
                started.add(0, kafka);
                ready.append(" kafka=").append(kafka.bootstrapServers());
            }
            if (wantKeycloak) {
                LocalKeycloak keycloak = startKeycloak(options, data, postgres);
                started.add(0, keycloak);
                ready.append(" keycloak=").append(keycloak.url());
            }
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(started);
            stopped.countDown();
        }, "atensi-local-shutdown"));
        System.out.println(ready);
        System.out.flush();
        stopped.await();
    }

    private static LocalKeycloak startKeycloak(Map<String, String> options, Path data, LocalPostgres postgres) {
        LocalKeycloak.Database database;
        if (postgres != null) {
            postgres.ensureDatabase("keycloak");
            database = new LocalKeycloak.Database(postgres.jdbcUrl("keycloak"), LocalPostgres.USER, LocalPostgres.PASSWORD);
        } else {
            database = new LocalKeycloak.Database(required(options, "keycloak-db-url"), options.getOrDefault("keycloak-db-user", "postgres"),
                    options.getOrDefault("keycloak-db-password", "postgres"));
        }
        Path directory = data.resolve("keycloak");
        LocalKeycloak keycloak = LocalKeycloak.start(Path.of(required(options, "keycloak-home")), directory,
                Integer.parseInt(options.get("keycloak-port")), database);
        try {
            LocalRealm realm = LocalRealm.setUp(keycloak.admin(), directory, required(options, "console-redirect-uri"));
            realm.ensureDemoUsers(Tokens.LOCAL_UNIT_ID, Tokens.LOCAL_PARTNER_ID);
        } catch (RuntimeException e) {
            keycloak.close();
            throw e;
        }
        return keycloak;
    }

    /** Keycloak, then Kafka, then PostgreSQL: the reverse of their start. */
    private static void closeAll(List<AutoCloseable> started) {
        for (AutoCloseable server : started) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping " + server.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
    }

    private static void tokens(Map<String, String> options) {
        Path directory = Path.of(required(options, "data")).resolve("keycloak");
        LocalRealm realm = LocalRealm.attach(LocalKeycloak.adminOf(required(options, "keycloak"), directory), directory);
        realm.tokens(options.getOrDefault("unit", Tokens.LOCAL_UNIT_ID), options.getOrDefault("partner", Tokens.LOCAL_PARTNER_ID))
                .forEach((role, token) -> System.out.println(role + " " + token));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage();
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            fail("missing option --" + name);
        }
        return value;
    }

    private static void usage() {
        fail("""
                usage: LocalMain infrastructure --data DIR [--postgres-port N --databases a,b] [--kafka-port N --kafka-libs DIR]
                                      [--keycloak-port N --keycloak-home DIR --console-redirect-uri URI
                                       [--keycloak-db-url URL --keycloak-db-user U --keycloak-db-password P]]
                       LocalMain tokens --data DIR --keycloak URL [--partner PARTNER_ID] [--unit UNIT_ID]""");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
