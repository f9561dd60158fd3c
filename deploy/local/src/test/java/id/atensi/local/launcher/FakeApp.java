package id.atensi.local.launcher;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for an application's quarkus-run.jar in the launcher's tests: answers {@code /q/health/ready} on
 * QUARKUS_HTTP_PORT and prints the settings it was given. {@code -Dfake.die=<app>,...} makes the named ones exit
 * at start, {@code -Dfake.stubborn=<app>,...} makes them ignore SIGTERM (their shutdown never ends).
 */
public final class FakeApp {

    private FakeApp() {
    }

    public static void main(String[] args) throws IOException {
        // Run as <root>/<app>/target/quarkus-app/quarkus-run.jar.
        String app = Path.of(System.getProperty("java.class.path")).toAbsolutePath().getParent().getParent().getParent().getFileName().toString();
        Map<String, String> settings = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("ATENSI_") || name.startsWith("QUARKUS_") || name.startsWith("MP_") || name.startsWith("KAFKA_")) {
                settings.put(name, value);
            }
        });
        settings.forEach((name, value) -> System.out.println("setting " + name + "=" + value));
        if (listed("fake.die", app)) {
            System.out.println(app + ": the database at " + System.getenv("QUARKUS_DATASOURCE_JDBC_URL") + " refuses connections");
            System.exit(3);
        }
        if (listed("fake.stubborn", app)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        server.start();
        System.out.println(app + " listening on " + port);
    }

    private static boolean listed(String property, String app) {
        return List.of(System.getProperty(property, "").split(",")).contains(app);
    }
}
