package id.atensi.local.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo loader's calls against a real HTTP server on 127.0.0.1 that answers as a gateway under load does (502, 503,
 * 504 problems) before the real answer: retried a bounded number of times, waiting longer each time, and never a
 * POST that sending again could do twice.
 */
class GatewayRetriesTest {

    private static final Duration FIRST_WAIT = Duration.ofMillis(20);
    private static final String PROBLEM = "{\"status\":%d,\"code\":\"gateway-timeout\",\"requestId\":\"r-%d\"}";

    /** What reached the server: method, path, Idempotency-Key and body, and when. */
    record Received(String method, String path, String idempotencyKey, String body, long nanos) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private HttpServer server;

    /** Answers the given statuses in turn (a problem each), then 201 or 200 with a record for every further request. */
    private Gateway gatewayAnswering(Integer... first) throws IOException {
        statuses.addAll(List.of(first));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        return new Gateway("http://127.0.0.1:" + server.getAddress().getPort(), FIRST_WAIT);
    }

    private void answer(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), System.nanoTime()));
        Integer status;
        synchronized (statuses) {
            status = statuses.poll();
        }
        byte[] body;
        if (status != null) {
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            body = PROBLEM.formatted(status, received.size()).getBytes(StandardCharsets.UTF_8);
        } else {
            // A creation answers 201, a lifecycle step (…/approve) and every other call 200.
            boolean creation = exchange.getRequestMethod().equals("POST") && !exchange.getRequestURI().getPath().endsWith("/approve");
            status = creation ? 201 : 200;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            body = "{\"id\":\"5a1c9e0e-8f53-4c43-9d4f-2b7f0c1d2e3f\"}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aReadAnswered504TwiceIsRetriedWithGrowingWaitsAndGetsTheRealAnswer() throws IOException {
        Gateway gateway = gatewayAnswering(504, 504);
        Gateway.Answer answer = gateway.get("token", "/api/v1/beneficiaries/1", 200);
        assertEquals(200, answer.status());
        assertEquals("5a1c9e0e-8f53-4c43-9d4f-2b7f0c1d2e3f", answer.id());
        assertEquals(3, received.size());
        Duration firstWait = Duration.ofNanos(received.get(1).nanos() - received.get(0).nanos());
        Duration secondWait = Duration.ofNanos(received.get(2).nanos() - received.get(1).nanos());
        assertTrue(firstWait.compareTo(FIRST_WAIT) >= 0, "first wait " + firstWait);
        assertTrue(secondWait.compareTo(FIRST_WAIT.multipliedBy(2)) >= 0, "second wait, twice as long: " + secondWait);
    }

    @Test
    void aPostWithAnIdempotencyKeyAnswered502IsSentAgainWithTheSameKeyAndBody() throws IOException {
        Gateway gateway = gatewayAnswering(502);
        Gateway.Answer answer = gateway.post("token", "/api/v1/aid/items", Json.createObjectBuilder().add("code", "KS-1").build(),
                "demo-item-ks-1", 201);
        assertEquals(201, answer.status());
        assertEquals(2, received.size());
        assertEquals(received.get(0).idempotencyKey(), received.get(1).idempotencyKey());
        assertEquals("demo-item-ks-1", received.get(1).idempotencyKey());
        assertEquals(received.get(0).body(), received.get(1).body());
    }

    @Test
    void aPutAnswered503AndThen504IsRetried() throws IOException {
        Gateway gateway = gatewayAnswering(503, 504);
        assertEquals(200, gateway.put("token", "/api/v1/training/classes/1/sessions/2/attendance", Json.createObjectBuilder().build(), 200).status());
        assertEquals(3, received.size());
    }

    @Test
    void aPostWithoutAKeyAnswered504IsNotSentAgainSinceItMayHaveBeenDone() throws IOException {
        Gateway gateway = gatewayAnswering(504);
        Gateway.Refused refused = assertThrows(Gateway.Refused.class,
                () -> gateway.post("token", "/api/v1/aid/distributions/1/approve", null, null, 200));
        assertEquals(504, refused.status);
        assertEquals(1, received.size(), "sent once");
        assertTrue(refused.getMessage().startsWith("POST /api/v1/aid/distributions/1/approve (not sent again"), refused.getMessage());
        assertTrue(refused.getMessage().contains("answered 504"), refused.getMessage());
    }

    @Test
    void aPostWithoutAKeyAnswered503IsSentAgainSinceNothingWasDone() throws IOException {
        Gateway gateway = gatewayAnswering(503);
        assertEquals(200, gateway.post("token", "/api/v1/aid/distributions/1/approve", null, null, 200).status());
        assertEquals(2, received.size());
    }

    @Test
    void theLoadStopsAfterTheBoundedRetriesNamingTheCallAndItsProblem() throws IOException {
        Integer[] always = new Integer[Gateway.OVERLOAD_RETRIES + 5];
        Arrays.fill(always, 504);
        Gateway gateway = gatewayAnswering(always);
        Gateway.Refused refused = assertThrows(Gateway.Refused.class, () -> gateway.get("token", "/api/v1/beneficiaries/1", 200));
        assertEquals(504, refused.status);
        assertEquals(Gateway.OVERLOAD_RETRIES + 1, received.size(), "the first call and its retries, no more");
        assertTrue(refused.getMessage().contains("GET /api/v1/beneficiaries/1 (tried " + (Gateway.OVERLOAD_RETRIES + 1) + " times) answered 504"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("gateway-timeout"), "the problem is shown: " + refused.getMessage());
    }
}
