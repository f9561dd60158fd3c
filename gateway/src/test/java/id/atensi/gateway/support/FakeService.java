package id.atensi.gateway.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for an ATENSI service: serves a given OpenAPI document and health, and answers every
 * {@code /api/} call with a description of the request it received, so that tests see through the gateway
 * what reached the service. A path ending in {@code /slow} answers only after 3 seconds.
 */
public final class FakeService implements AutoCloseable {

    /** Bodies up to this size are echoed whole; longer ones only by length. */
    private static final int ECHOED_BODY_LIMIT = 10_000;

    private final String name;
    private final String openApiDocument;
    private final int port;
    private final java.util.concurrent.atomic.AtomicInteger apiCalls = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-service");
        thread.setDaemon(true);
        return thread;
    });

    private FakeService(String name, String openApiDocument, int port) throws IOException {
        this.name = name;
        this.openApiDocument = openApiDocument;
        this.server = listen(port);
        this.port = server.getAddress().getPort();
    }

    private HttpServer listen(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(executor);
        server.createContext("/q/openapi", exchange -> respond(exchange, 200, "application/json", openApiDocument));
        server.createContext("/q/health/ready", exchange -> respond(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/api/", exchange -> {
            apiCalls.incrementAndGet();
            echo(exchange);
        });
        server.start();
        return server;
    }

    public static FakeService start(String name, String openApiDocument) {
        try {
            return new FakeService(name, openApiDocument, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake " + name + " service", e);
        }
    }

    /** A fake service on a given port, so that it can be stopped and started again where the gateway expects it. */
    public static FakeService startOnPort(String name, String openApiDocument, int port) {
        try {
            return new FakeService(name, openApiDocument, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake " + name + " service on port " + port, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** How many /api/ requests reached this service. */
    public int apiCalls() {
        return apiCalls.get();
    }

    /** Stops listening, as a service that went down: connections to its port are refused. */
    public synchronized void stop() {
        server.stop(0);
    }

    /** Listens again on the same port, as a service that came back. */
    public synchronized void restart() {
        try {
            server = listen(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the fake " + name + " service on port " + port, e);
        }
    }

    private void echo(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        if (path.endsWith("/slow")) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JsonObject headers = new JsonObject();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), String.join(",", header.getValue()));
        }
        JsonObject received = new JsonObject()
                .put("service", name)
                .put("method", exchange.getRequestMethod())
                .put("path", path)
                .put("query", exchange.getRequestURI().getRawQuery())
                .put("bodyLength", body.length)
                .put("body", body.length <= ECHOED_BODY_LIMIT ? new String(body, StandardCharsets.UTF_8) : null)
                .put("headers", headers);
        Headers responseHeaders = exchange.getResponseHeaders();
        responseHeaders.add("X-Upstream", name);
        responseHeaders.add("ETag", "\"7\"");
        // The services echo the request id as well; the gateway must not send it twice.
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        if (requestId != null) {
            responseHeaders.add("X-Request-Id", requestId);
        }
        respond(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200, "application/json", received.encode());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
