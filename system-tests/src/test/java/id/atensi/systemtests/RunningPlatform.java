package id.atensi.systemtests;

import id.atensi.local.ChildProcesses;
import id.atensi.local.Ports;
import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TestKeycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged services and the gateway, each started as its own process the way ./atensi starts them,
 * against the test harness' PostgreSQL, Kafka and Keycloak. Tests reach the platform through the gateway only.
 */
final class RunningPlatform implements AutoCloseable {

    static final List<String> SERVICES = List.of("beneficiary", "partner", "training", "aid");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path root;
    private final Path logs;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    private RunningPlatform(Path root) {
        this.root = root;
        this.logs = root.resolve("system-tests/target/platform-logs");
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
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    /** A service's own address, for comparing what the gateway shows with what the service itself publishes. */
    String serviceUrl(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    Path root() {
        return root;
    }

    Path logOf(String name) {
        return logs.resolve(name + ".log");
    }

    private void startAll() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestKeycloak keycloak = TestInfrastructure.keycloak();
        for (String service : SERVICES) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.jdbcUrl(service + "_system"));
            env.put("QUARKUS_DATASOURCE_USERNAME", infrastructure.dbUser());
            env.put("QUARKUS_DATASOURCE_PASSWORD", infrastructure.dbPassword());
            env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keycloak.jwksUrl());
            env.put("MP_JWT_VERIFY_ISSUER", keycloak.issuer());
            if (service.equals("beneficiary")) {
                env.putAll(personalDataKeys());
            }
            if (service.equals("partner")) {
                env.put("ATENSI_PARTNER_KEYCLOAK_URL", keycloak.url());
                env.put("ATENSI_PARTNER_KEYCLOAK_CLIENT_SECRET", keycloak.partnerServiceSecret());
            }
            launch(service, service + "-service", env);
        }
        Map<String, String> gateway = new LinkedHashMap<>();
        gateway.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keycloak.jwksUrl());
        gateway.put("MP_JWT_VERIFY_ISSUER", keycloak.issuer());
        for (String service : SERVICES) {
            gateway.put("ATENSI_GATEWAY_SERVICES_" + service.toUpperCase() + "_URL", "http://127.0.0.1:" + ports.get(service));
        }
        launch("gateway", "gateway", gateway);
        for (String name : processes.keySet()) {
            awaitReady(name);
        }
    }

    /** Fresh keys each run: the system tests' database starts empty, so nothing needs an older key. */
    private static Map<String, String> personalDataKeys() {
        SecureRandom random = new SecureRandom();
        byte[] encryptionKey = new byte[32];
        byte[] hashKey = new byte[32];
        random.nextBytes(encryptionKey);
        random.nextBytes(hashKey);
        return Map.of(
                "ATENSI_BENEFICIARY_PII_KEYS_SYSTEM1", Base64.getEncoder().encodeToString(encryptionKey),
                "ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID", "system1",
                "ATENSI_BENEFICIARY_PII_HASH_KEY", Base64.getEncoder().encodeToString(hashKey));
    }

    private void launch(String name, String module, Map<String, String> env) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the platform first (./mvnw install)");
        }
        int port = Ports.free();
        ports.put(name, port);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logOf(name).toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        try {
            processes.put(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    private void awaitReady(String name) {
        ChildProcesses.awaitHealthy(processes.get(name), URI.create("http://127.0.0.1:" + ports.get(name) + "/q/health/ready"),
                START_TIMEOUT, name, logOf(name));
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(processes.keySet());
        Collections.reverse(names);
        for (String name : names) {
            processes.get(name).destroy();
        }
        for (String name : names) {
            ChildProcesses.stop(processes.get(name), Duration.ofSeconds(20));
        }
    }
}
