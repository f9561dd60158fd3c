package id.atensi.outbound;

import id.atensi.testing.KeepAliveServer;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real HTTP server on 127.0.0.1 (allowed here by configuration, as in local runs). */
class OutboundHttpTest {

    /** The timeout of the tests about targets that never answer: they wait it out. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /**
     * Every other test's: a first exchange on a fresh Vert.x (resolving, connecting, loading classes) took over
     * 3 s on a loaded CI machine, and those tests are not about time.
     */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", exchange -> {
            hits.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/redirect", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/large", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] block = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 1_000; i++) {
                    out.write(block);
                }
            } catch (IOException closedByTheClient) {
                // expected: the client stops reading after its limit
            }
        });
        server.createContext("/hang", exchange -> {
            hits.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private OutboundHttp client(List<String> allowed, HostResolver resolver) {
        return client(allowed, resolver, ANSWER_TIMEOUT);
    }

    private OutboundHttp client(List<String> allowed, HostResolver resolver, Duration timeout) {
        return new OutboundHttp(vertx, new OutboundSettings(AddressPolicy.allowing(allowed), true, timeout, 100, 2), resolver);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static OutboundResult await(java.util.concurrent.CompletionStage<OutboundResult> stage) {
        return stage.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void anAnswerIsReadWithItsStatusRetryAfterAndBody() {
        OutboundResult result = await(client(List.of("127.0.0.0/8"), HostResolver.SYSTEM)
                .post("t", url("/ok"), Map.of("content-type", "text/plain"), "hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(OutboundResult.Outcome.ANSWERED, result.outcome());
        assertEquals(200, result.status());
        assertEquals("7", result.retryAfter().orElseThrow());
        assertEquals("hello", result.excerpt());
        assertTrue(result.successful());
    }

    @Test
    void loopbackIsRefusedWithoutConfigurationAndNothingIsSent() {
        OutboundResult result = await(client(List.of(), HostResolver.SYSTEM).post("t", url("/ok"), Map.of(), new byte[0]));
        assertEquals(OutboundResult.Outcome.REFUSED, result.outcome());
        assertEquals(0, hits.get());
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedAtSendTime() {
        HostResolver rebinding = host -> List.of(InetAddress.getByName("127.0.0.1"));
        OutboundResult result = await(client(List.of(), rebinding)
                .post("t", "http://partner.example.org:" + server.getAddress().getPort() + "/ok", Map.of(), new byte[0]));
        assertEquals(OutboundResult.Outcome.REFUSED, result.outcome());
        assertTrue(result.detail().contains("loopback"), result.detail());
        assertEquals(0, hits.get());
    }

    @Test
    void aNameIsConnectedToAtTheAddressThatWasChecked() {
        HostResolver fixed = host -> List.of(InetAddress.getByName("127.0.0.1"));
        OutboundResult result = await(client(List.of("127.0.0.1/32"), fixed)
                .post("t", "http://partner.example.org:" + server.getAddress().getPort() + "/ok", Map.of(), "x".getBytes()));
        assertEquals(200, result.status());
    }

    @Test
    void anIpLiteralIsNeverLookedUp() {
        HostResolver refusing = host -> {
            throw new AssertionError("looked up " + host);
        };
        OutboundResult result = await(client(List.of("127.0.0.0/8"), HostResolver.caching(refusing, Duration.ofSeconds(10)))
                .post("t", url("/ok"), Map.of(), "x".getBytes()));
        assertEquals(200, result.status(), result.outcome() + " " + result.detail());
    }

    @Test
    void aCachedNameIsLookedUpOnceAndRefusedOnceItsEntryEndsPointingInside() {
        Map<String, String> names = new ConcurrentHashMap<>(Map.of("partner.example.org", "127.0.0.1"));
        AtomicInteger lookups = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        HostResolver cached = new CachingHostResolver(host -> {
            lookups.incrementAndGet();
            return List.of(InetAddress.getByName(names.get(host)));
        }, Duration.ofSeconds(10), now::get);
        // 127.0.0.1 stands for a public address here; 10.0.0.0/8 stays refused.
        OutboundHttp client = client(List.of("127.0.0.0/8"), cached);
        String url = "http://partner.example.org:" + server.getAddress().getPort() + "/ok";

        assertEquals(200, await(client.post("t", url, Map.of(), new byte[0])).status());
        names.put("partner.example.org", "10.1.2.3");
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        OutboundResult withinEntry = await(client.post("t", url, Map.of(), new byte[0]));
        assertEquals(200, withinEntry.status(), "within the entry the request goes to the address checked: " + withinEntry.detail());
        assertEquals(1, lookups.get());
        assertEquals(2, hits.get());

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        OutboundResult afterEntry = await(client.post("t", url, Map.of(), new byte[0]));
        assertEquals(OutboundResult.Outcome.REFUSED, afterEntry.outcome());
        assertTrue(afterEntry.detail().contains("10.1.2.3 is private"), afterEntry.detail());
        assertEquals(2, lookups.get());
        assertEquals(2, hits.get(), "nothing was sent to the re-pointed name");
    }

    @Test
    void aNameThatDoesNotResolveIsNotCached() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver cached = new CachingHostResolver(host -> {
            lookups.incrementAndGet();
            throw new UnknownHostException(host);
        }, Duration.ofSeconds(10), System::nanoTime);
        OutboundHttp client = client(List.of("127.0.0.0/8"), cached);
        for (int i = 0; i < 2; i++) {
            OutboundResult result = await(client.post("t", "http://nowhere.example.org/", Map.of(), new byte[0]));
            assertEquals(OutboundResult.Outcome.UNREACHABLE, result.outcome());
        }
        assertEquals(2, lookups.get());
    }

    @Test
    void redirectsAreNotFollowed() {
        OutboundResult result = await(client(List.of("127.0.0.0/8"), HostResolver.SYSTEM).post("t", url("/redirect"), Map.of(), new byte[0]));
        assertEquals(302, result.status());
        assertEquals(1, hits.get(), "only the redirecting address was called");
        assertTrue(!result.successful());
    }

    @Test
    void aLargeAnswerIsReadOnlyUpToTheLimit() {
        OutboundResult result = await(client(List.of("127.0.0.0/8"), HostResolver.SYSTEM).post("t", url("/large"), Map.of(), new byte[0]));
        assertEquals(200, result.status(), result.outcome() + " " + result.detail());
        assertEquals(100, result.excerpt().length());
    }

    @Test
    void aTargetThatNeverAnswersTimesOutAndAnotherOnTheSameServerIsServedMeanwhile() {
        OutboundHttp client = client(List.of("127.0.0.0/8"), HostResolver.SYSTEM, TIMEOUT);
        List<CompletableFuture<OutboundResult>> hanging = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            hanging.add(client.post("slow", url("/hang"), Map.of(), new byte[0]).toCompletableFuture());
        }
        OutboundResult third = await(client.post("slow", url("/hang"), Map.of(), new byte[0]));
        assertEquals(OutboundResult.Outcome.BUSY, third.outcome(), "the slow target's limit of 2 is in use");
        OutboundResult other = await(client.post("fast", url("/ok"), Map.of(), new byte[0]));
        assertEquals(200, other.status(), other.outcome() + " " + other.detail());
        assertTrue(other.latency().compareTo(TIMEOUT) < 0, "the fast target waited for the slow one: " + other.latency());
        for (CompletableFuture<OutboundResult> request : hanging) {
            OutboundResult result = request.orTimeout(20, TimeUnit.SECONDS).join();
            assertEquals(OutboundResult.Outcome.TIMED_OUT, result.outcome());
        }
        OutboundResult after = await(client.post("slow", url("/ok"), Map.of(), new byte[0]));
        assertEquals(200, after.status(), "permits come back after the timeout: " + after.outcome() + " " + after.detail());
    }

    @Test
    void aTargetGivenItsOwnLimitHoldsThatManyInFlightAndNoMore() {
        OutboundHttp client = client(List.of("127.0.0.0/8"), HostResolver.SYSTEM);
        List<CompletableFuture<OutboundResult>> hanging = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hanging.add(client.post("wide", 3, url("/hang"), Map.of(), new byte[0]).toCompletableFuture());
        }
        OutboundResult fourth = await(client.post("wide", 3, url("/hang"), Map.of(), new byte[0]));
        assertEquals(OutboundResult.Outcome.BUSY, fourth.outcome(), "three in flight, above the settings' 2, and no fourth");
        release.countDown();
        for (CompletableFuture<OutboundResult> request : hanging) {
            assertNotEquals(OutboundResult.Outcome.BUSY, request.orTimeout(20, TimeUnit.SECONDS).join().outcome());
        }
        assertThrows(IllegalArgumentException.class, () -> client.post("wide", 0, url("/ok"), Map.of(), new byte[0]));
    }

    @Test
    void aRequestOnAKeptConnectionTheReceiverClosedUnderItIsSentOnceMoreOnANewConnection() throws IOException {
        try (KeepAliveServer receiver = new KeepAliveServer(KeepAliveServer.Mode.CLOSES_REUSED)) {
            OutboundHttp client = client(List.of("127.0.0.0/8"), HostResolver.SYSTEM);
            assertEquals(204, await(client.post("t", receiver.url(), Map.of(), "one".getBytes())).status());
            OutboundResult second = await(client.post("t", receiver.url(), Map.of(), "two".getBytes()));
            assertEquals(OutboundResult.Outcome.ANSWERED, second.outcome(), second.detail());
            assertEquals(204, second.status());
            assertEquals(3, receiver.requests.get(), "the second request was sent on the kept connection, then once more");
            assertEquals(2, receiver.connections.get());
            assertEquals(List.of(2, 1), receiver.requestsPerConnection.stream().map(AtomicInteger::get).toList(),
                    "the kept connection carried the second request, a new one its resend");
        }
    }

    @Test
    void aNewConnectionClosedBeforeAnyAnswerIsAFailureAndNotSentAgain() throws IOException {
        try (KeepAliveServer receiver = new KeepAliveServer(KeepAliveServer.Mode.CLOSES_ALL)) {
            OutboundHttp client = client(List.of("127.0.0.0/8"), HostResolver.SYSTEM);
            OutboundResult result = await(client.post("t", receiver.url(), Map.of(), "one".getBytes()));
            assertEquals(OutboundResult.Outcome.UNREACHABLE, result.outcome());
            assertTrue(result.detail().contains("closed") || result.detail().contains("reset"), result.detail());
            assertEquals(1, receiver.requests.get(), "a receiver that drops new connections is not asked twice");
        }
    }

    @Test
    void aResendThatFailsTooIsOneFailedRequest() throws IOException {
        try (KeepAliveServer receiver = new KeepAliveServer(KeepAliveServer.Mode.CLOSES_REUSED)) {
            OutboundHttp client = client(List.of("127.0.0.0/8"), HostResolver.SYSTEM);
            assertEquals(204, await(client.post("t", receiver.url(), Map.of(), "one".getBytes())).status());
            // No new connection is accepted from now on; the kept one still reads the next request, and closes.
            receiver.close();
            OutboundResult second = await(client.post("t", receiver.url(), Map.of(), "two".getBytes()));
            assertEquals(OutboundResult.Outcome.UNREACHABLE, second.outcome());
            assertTrue(second.detail().contains("refused"), "the resend's failure is the one told: " + second.detail());
            assertEquals(2, receiver.requests.get());
        }
    }

    @Test
    void anIdleKeptConnectionIsClosedByUsBeforeTypicalServersCloseTheirs() throws IOException, InterruptedException {
        assertTrue(OutboundHttp.KEEP_ALIVE_TIMEOUT_SECONDS < 5, "below Node's and Apache's 5 s");
        try (KeepAliveServer receiver = new KeepAliveServer(KeepAliveServer.Mode.ANSWERS)) {
            OutboundHttp client = client(List.of("127.0.0.0/8"), HostResolver.SYSTEM);
            assertEquals(204, await(client.post("t", receiver.url(), Map.of(), "one".getBytes())).status());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (receiver.closedByClient.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, receiver.closedByClient.get(), "we closed the idle connection; the receiver never does");
            assertEquals(204, await(client.post("t", receiver.url(), Map.of(), "two".getBytes())).status());
            assertEquals(2, receiver.connections.get(), "the second request went on a new connection");
            assertEquals(2, receiver.requests.get());
        }
    }

    @Test
    void urlsThatAreNotHttpsAreRefusedUnlessConfigured() {
        Targets strict = new Targets(OutboundSettings.defaults(), HostResolver.SYSTEM);
        for (String url : List.of("http://example.org/", "ftp://example.org/", "https://user:pw@example.org/", "https:///x", "not a url")) {
            try {
                strict.parse(url);
                throw new AssertionError(url + " was accepted");
            } catch (TargetRefusedException expected) {
                assertTrue(!expected.getMessage().isBlank());
            }
        }
    }
}
