package id.atensi.bench.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.local.Ports;
import id.atensi.local.Tokens;
import id.atensi.local.launcher.App;
import id.atensi.local.launcher.Spec;
import id.atensi.local.launcher.Supervisor;
import id.atensi.testing.HarnessBacking;
import id.atensi.testing.TestInfrastructure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One packaged service started the way ./atensi starts it (App.spec under the launcher's Supervisor) against the test
 * harness' PostgreSQL and Kafka ({@link HarnessBacking}), in a database of its own, verifying tokens the benchmark
 * signs; and the HTTP calls the benchmarks make to it.
 */
final class ServiceUnderBench implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestInfrastructure infrastructure;
    private final String database;
    private final Supervisor supervisor;
    private final Spec spec;
    private final String base;
    private final String admin;

    private ServiceUnderBench(TestInfrastructure infrastructure, String database, Supervisor supervisor, Spec spec, int port) {
        this.infrastructure = infrastructure;
        this.database = database;
        this.supervisor = supervisor;
        this.spec = spec;
        this.base = "http://127.0.0.1:" + port;
        this.admin = new Tokens(infrastructure.signingKeys()).mint("bench-admin", Set.of("admin"), Tokens.Scope.none(), Duration.ofHours(2));
    }

    static ServiceUnderBench start(String appName) throws IOException {
        Path root = Path.of(System.getProperty("atensi-repository-root", ".")).toAbsolutePath();
        App app = App.named(appName);
        if (!Files.isRegularFile(app.jar(root))) {
            throw new IllegalStateException("no " + app.jar(root) + ": package the service first (the bench script does)");
        }
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String database = app.database() + "_bench_" + Long.toHexString(System.nanoTime());
        int port = Ports.free();
        Path runDirectory = Files.createTempDirectory(appName + "-bench");
        Supervisor supervisor = new Supervisor(runDirectory, Duration.ofSeconds(20), System.out::println, System.err::println);
        // e.g. BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/service.jfr" to profile the service
        List<String> javaOptions = List.of(System.getenv().getOrDefault("BENCH_JVM_OPTS", "").strip().split("\\s+")).stream()
                .filter(option -> !option.isEmpty()).toList();
        Spec spec = app.spec(root, Map.of(app.name(), port), HarnessBacking.withHarnessTokens(name -> database), javaOptions, runDirectory);
        System.out.printf("%s on port %d, database %s, log %s%n", appName, port, database, spec.log());
        supervisor.launch(spec);
        ServiceUnderBench service = new ServiceUnderBench(infrastructure, database, supervisor, spec, port);
        try {
            supervisor.awaitReady(List.of(spec), Duration.ofMinutes(3), (started, took) -> System.out.printf("ready after %d s%n", took.toSeconds()));
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    String base() {
        return base;
    }

    String admin() {
        return admin;
    }

    Connection database() throws java.sql.SQLException {
        return DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.dbUser(), infrastructure.dbPassword());
    }

    /** Waits until {@code sql} (one count) reaches {@code expected}: how the benchmarks wait for their events to be consumed. */
    void awaitCount(String sql, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet count = statement.executeQuery(sql)) {
                    count.next();
                    if (count.getLong(1) >= expected) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(sql + " counts " + count.getLong(1) + " of " + expected + " after " + timeout);
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    HttpResponse<String> send(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A call that must answer {@code status}; its JSON answer. */
    JsonNode expect(int status, String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(method, path, token, body == null ? null : JSON.writeValueAsString(body));
        if (answer.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + " (not " + status + "): "
                    + answer.body().substring(0, Math.min(800, answer.body().length())));
        }
        return JSON.readTree(answer.body());
    }

    @Override
    public void close() {
        supervisor.stop(List.of(spec));
    }
}
