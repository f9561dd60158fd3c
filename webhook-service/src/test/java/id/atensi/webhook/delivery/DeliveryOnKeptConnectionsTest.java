package id.atensi.webhook.delivery;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.KeepAliveServer;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        try (KeepAliveServer receiver = new KeepAliveServer(KeepAliveServer.Mode.CLOSES_REUSED)) {
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
}
