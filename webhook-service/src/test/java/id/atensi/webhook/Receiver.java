package id.atensi.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A partner's receiving system: a real HTTP server on 127.0.0.1 that records every request (headers, body, time)
 * and answers as the test scripts it: a status with headers, or never (until closed).
 */
public final class Receiver implements AutoCloseable {

    public record Request(Map<String, String> headers, String body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public record Answer(int status, Map<String, String> headers, boolean hang, boolean held) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), false, false);
        }

        public static Answer status(int status, Map<String, String> headers) {
            return new Answer(status, headers, false, false);
        }

        public static Answer never() {
            return new Answer(0, Map.of(), true, false);
        }

        /** The status, once the test {@link Receiver#release() releases} the held answers. */
        public static Answer heldUntilReleased(int status) {
            return new Answer(status, Map.of(), false, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Answer otherwise = Answer.status(204);

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Request(headers, body, Instant.now()));
            Answer answer = script.poll();
            if (answer == null) {
                answer = otherwise;
            }
            if (answer.hang()) {
                try {
                    closed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            if (answer.held()) {
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] reply = "thanks".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), answer.status() == 204 ? -1 : reply.length);
            if (answer.status() != 204) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
            exchange.close();
        });
        server.start();
    }

    public static Receiver start() {
        try {
            return new Receiver();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a receiver on 127.0.0.1", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/hooks/atensi";
    }

    /** The next answers, in order; after them, {@link #otherwise(Answer)}. */
    public Receiver thenAnswer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Answers the requests held by {@link Answer#heldUntilReleased}, and any held later, at once. */
    public void release() {
        released.countDown();
    }

    public Receiver otherwise(Answer answer) {
        otherwise = answer;
        return this;
    }

    public List<Request> received() {
        return new ArrayList<>(received);
    }

    public List<Request> awaitRequests(int count, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> received.size() >= count);
        return received();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
