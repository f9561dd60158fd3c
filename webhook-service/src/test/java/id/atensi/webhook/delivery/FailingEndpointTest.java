package id.atensi.webhook.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import id.atensi.webhook.Receiver;
import id.atensi.webhook.Receiver.Answer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.webhook.WebhookFixtures.as;
import static id.atensi.webhook.WebhookFixtures.beneficiaryRegistered;
import static id.atensi.webhook.WebhookFixtures.endpoint;
import static id.atensi.webhook.WebhookFixtures.partner;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The 5-day rule, with the service's clock moved instead of waiting five days. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class FailingEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MovableClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabledAndThePartnerToldAndEnablingResumesItsDeliveries() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start(); TopicReader topic = TopicReader.of("atensi.webhook.events")) {
            receiver.thenAnswer(Answer.status(500)).otherwise(Answer.never());
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String url = "/api/v1/webhooks/endpoints/" + endpoint[0];
            beneficiaryRegistered(UUID.randomUUID().toString(), "Gagal", lks);
            receiver.awaitRequests(1, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.partner(lks)).get(url).then()
                    .body("containsKey('failingSince')", equalTo(true)).body("status", equalTo("ENABLED")));

            receiver.otherwise(Answer.status(503));
            clock.travelTo(Instant.now().plus(Duration.ofDays(5)).plusSeconds(60));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.partner(lks)).get(url).then()
                    .body("status", equalTo("DISABLED")).body("disabledReason", equalTo("FAILING")));
            var record = topic.await(r -> endpoint[0].equals(r.key()), Duration.ofSeconds(30));
            assertEquals("FAILING", JSON.readTree(TopicReader.value(record)).get("reason").asText());

            int before = receiver.received().size();
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            assertEquals(before, receiver.received().size(), "a disabled endpoint is not called");

            receiver.otherwise(Answer.status(200));
            as(TestTokens.partner(lks)).body(Map.of("status", "ENABLED")).post(url + "/status").then().statusCode(200)
                    .body("containsKey('failingSince')", equalTo(false));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.partner(lks)).get(url + "/deliveries")
                    .then().body("items[0].status", equalTo("DELIVERED")));
        }
    }
}
