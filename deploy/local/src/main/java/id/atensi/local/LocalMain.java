package id.atensi.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code ./atensi} for what needs a JVM:
 * <ul>
 * <li>{@code infrastructure}: starts PostgreSQL and Kafka with persistent data, prints one READY line,
 * and keeps both running until this process is asked to stop (SIGTERM / Ctrl-C), then stops both;</li>
 * <li>{@code tokens}: prints one bearer token per role, generating the key pair on first use; the partner token acts for
 * {@code --partner}, the officer token works in {@code --unit}.</li>
 * </ul>
 */
public final class LocalMain {

    static final List<String> ROLES = List.of("admin", "officer", "partner", "auditor", "viewer");

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
     * Starts whichever of the two is asked for: {@code --postgres-port} (with {@code --databases}) and/or
     * {@code --kafka-port} (with {@code --kafka-libs}); an external server stands in for the one left out.
     */
    private static void infrastructure(Map<String, String> options) throws InterruptedException {
        Path data = Path.of(required(options, "data"));
        boolean wantPostgres = options.containsKey("postgres-port");
        boolean wantKafka = options.containsKey("kafka-port");
        if (!wantPostgres && !wantKafka) {
            fail("nothing to start: give --postgres-port and/or --kafka-port");
        }
        for (String option : new String[] {"postgres-port", "kafka-port"}) {
            if (options.containsKey(option) && Ports.inUse(Integer.parseInt(options.get(option)))) {
                fail("port " + options.get(option) + " is already in use by another program; free it or choose another port");
            }
        }
        List<AutoCloseable> started = new ArrayList<>();
        StringBuilder ready = new StringBuilder("READY");
        try {
            if (wantPostgres) {
                LocalPostgres postgres = LocalPostgres.start(data.resolve("postgres"), Integer.parseInt(options.get("postgres-port")));
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

    /** Kafka first, then PostgreSQL: the reverse of their start. */
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
        Tokens tokens = new Tokens(SigningKeys.inDirectory(Path.of(required(options, "keys"))));
        Duration lifetime = Duration.ofHours(Long.parseLong(options.getOrDefault("hours", "12")));
        for (String role : ROLES) {
            System.out.println(role + " " + tokens.forRole(role, options.getOrDefault("partner", Tokens.LOCAL_PARTNER_ID),
                    options.getOrDefault("unit", Tokens.LOCAL_UNIT_ID), lifetime));
        }
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
                       LocalMain tokens --keys DIR [--hours N] [--partner PARTNER_ID] [--unit UNIT_ID]""");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
