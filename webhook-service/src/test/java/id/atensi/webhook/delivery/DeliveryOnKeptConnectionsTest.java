package id.atensi.webhook.delivery;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static id.atensi.webhook.WebhookFixtures.as;
import static id.atensi.webhook.WebhookFixtures.beneficiaryRegistered;
import static id.atensi.webhook.WebhookFixtures.partner;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receivers close idle keep-alive connections (Node and Apache after 5 s), and one may close a connection just as the
 * next request is written on it. That request was never handled and is no failure of the receiver's: it must not cost
 * the delivery an attempt and the retry schedule's wait.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class DeliveryOnKeptConnectionsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int EVENTS = 6;

    @Test
    void aRequestOnAKeptConnectionTheReceiverClosesUnderItIsSentAgainWithoutCostingAnAttempt() throws Exception {
        String lks = partner();
        try (ClosingReceiver receiver = new ClosingReceiver()) {
            // One request at a time, so that each delivery after the first goes on the connection the one before it used.
            String endpoint = as(TestTokens.admin()).body(Map.of("partnerId", lks, "url", receiver.url(),
                            "eventTypes", List.of("atensi.beneficiary.*"), "maxInFlight", 1))
                    .post("/api/v1/webhooks/endpoints").then().statusCode(201).extract().jsonPath().getString("id");
            for (int i = 0; i < EVENTS; i++) {
                beneficiaryRegistered(UUID.randomUUID().toString(), "Dewi " + i, lks);
            }
            await().atMost(WAIT).untilAsserted(() -> as(TestTokens.admin())
                    .get("/api/v1/webhooks/endpoints/" + endpoint + "/deliveries").then().statusCode(200)
                    .body("total", equalTo(EVENTS))
                    .body("items.status", everyItem(equalTo("DELIVERED")))
                    .body("items.attempts", everyItem(equalTo(1))));
            assertTrue(receiver.closedUnanswered.get() > 0,
                    "a kept connection was reused at least once and closed under its request, else this test proves nothing");
            assertEquals(EVENTS + receiver.closedUnanswered.get(), receiver.requests.get(),
                    "each request closed unanswered was sent once more, and nothing else was");
        }
    }

    /**
     * Answers 204 to the first request on each connection and keeps it open; a later request on it closes it,
     * unanswered: an idle timeout meeting the next request, made certain instead of left to chance.
     */
    private static final class ClosingReceiver implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ExecutorService threads = Executors.newCachedThreadPool();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger closedUnanswered = new AtomicInteger();

        ClosingReceiver() throws IOException {
            threads.execute(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        threads.execute(() -> serve(connection));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        }

        private void serve(Socket connection) {
            try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
                for (int carried = 1; readRequest(in); carried++) {
                    requests.incrementAndGet();
                    if (carried > 1) {
                        closedUnanswered.incrementAndGet();
                        return;
                    }
                    out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException broken) {
                // the client reset the connection: nothing more to serve on it
            }
        }

        /** @return false at the end of the stream before a request began */
        private static boolean readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                head.write(b);
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
            for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    in.skipNBytes(Long.parseLong(line.substring("content-length:".length()).strip()));
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            threads.shutdownNow();
        }
    }
}
