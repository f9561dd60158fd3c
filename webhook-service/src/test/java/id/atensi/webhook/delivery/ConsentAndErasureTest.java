package id.atensi.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.webhook.Receiver;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static id.atensi.webhook.WebhookFixtures.BENEFICIARY;
import static id.atensi.webhook.WebhookFixtures.as;
import static id.atensi.webhook.WebhookFixtures.beneficiaryRegistered;
import static id.atensi.webhook.WebhookFixtures.consent;
import static id.atensi.webhook.WebhookFixtures.endpoint;
import static id.atensi.webhook.WebhookFixtures.partner;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A person's name reaches a partner only while their PARTNER_SHARING consent holds, never after erasure, NIK and KK never. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class ConsentAndErasureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern SIXTEEN_DIGITS = Pattern.compile("\\d{16}");

    @Test
    void withoutConsentTheEventKeepsIdsTypeAndStatusButNoPersonalField() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            endpoint(lks, receiver.url(), List.of("atensi.beneficiary.registered.v1"));
            String person = UUID.randomUUID().toString();
            beneficiaryRegistered(person, "Tanpa Izin", lks);
            JsonNode data = JSON.readTree(receiver.awaitRequests(1, WAIT).get(0).body()).get("data");
            assertEquals(person, data.get("beneficiaryId").asText());
            assertEquals("REGISTERED", data.get("status").asText());
            assertEquals(lks, data.get("partnerIds").get(0).asText());
            assertTrue(data.get("personalDataWithheld").asBoolean(), "the withheld fields are marked as such");
            for (String personal : List.of("fullName", "provinceCode", "regencyCode")) {
                assertFalse(data.has(personal), personal + " sent without consent");
            }
        }
    }

    @Test
    void withConsentTheNameIsSentAndAfterWithdrawalItIsNot() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            endpoint(lks, receiver.url(), List.of("atensi.beneficiary.registered.v1", "atensi.beneficiary.updated.v1"));
            String person = UUID.randomUUID().toString();
            consent(person, true, "2026-03-01T08:00:00+07:00");
            beneficiaryRegistered(person, "Dengan Izin", lks);
            JsonNode first = JSON.readTree(receiver.awaitRequests(1, WAIT).get(0).body()).get("data");
            assertEquals("Dengan Izin", first.get("fullName").asText());
            assertFalse(first.has("personalDataWithheld"), "nothing withheld while consent holds");

            consent(person, false, "2026-03-05T08:00:00+07:00");
            consent(person, true, "2026-03-02T08:00:00+07:00");
            BENEFICIARY.publish(UUID.randomUUID().toString(), "atensi.beneficiary.updated.v1", person, """
                    {"beneficiaryId":"%s","fullName":"Dengan Izin Baru","partnerIds":["%s"],"changedFields":["fullName"]}"""
                    .formatted(person, lks));
            JsonNode second = JSON.readTree(receiver.awaitRequests(2, WAIT).get(1).body()).get("data");
            assertFalse(second.has("fullName"), "the latest change (withdrawn on 5 March) counts, not the late one of 2 March");
            assertTrue(second.get("personalDataWithheld").asBoolean());
            assertEquals(List.of("fullName"), List.of(second.get("changedFields").get(0).asText()));
        }
    }

    @Test
    void afterErasureNoDeliveryNorReplayOfAnOlderOneCarriesTheName() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String person = UUID.randomUUID().toString();
            consent(person, true, "2026-03-01T08:00:00+07:00");
            beneficiaryRegistered(person, "Akan Dihapus", lks);
            // The consent came before the person was known here: it reached no one; the registration carries the name.
            assertTrue(receiver.awaitRequests(1, WAIT).get(0).body().contains("Akan Dihapus"));
            String base = "/api/v1/webhooks/endpoints/" + endpoint[0];
            Map<String, String> everything = Map.of("from", "2000-01-01T00:00:00Z", "to", "2100-01-01T00:00:00Z");
            awaitNothingPending(base);

            BENEFICIARY.publish(UUID.randomUUID().toString(), "atensi.beneficiary.erased.v1", person, """
                    {"beneficiaryId":"%s","pseudonym":"anon-7f3a","erasedAt":"2026-03-10T08:00:00+07:00"}""".formatted(person));
            receiver.awaitRequests(2, WAIT);
            awaitNothingPending(base);
            as(TestTokens.admin()).body(everything).post(base + "/replays").then().statusCode(202).body("replayed", equalTo(2));
            List<Receiver.Request> afterErasure = receiver.awaitRequests(4, WAIT).subList(1, 4);
            afterErasure.forEach(request -> assertFalse(request.body().contains("Akan Dihapus"), "sent after the erasure: " + request.body()));

            // Consent given again later changes nothing: the stored event itself no longer holds the name.
            consent(person, true, "2026-03-11T08:00:00+07:00");
            receiver.awaitRequests(5, WAIT);
            awaitNothingPending(base);
            as(TestTokens.admin()).body(everything).post(base + "/replays").then().statusCode(202).body("replayed", equalTo(3));
            receiver.awaitRequests(8, WAIT).subList(1, 8)
                    .forEach(request -> assertFalse(request.body().contains("Akan Dihapus"), "sent after the erasure: " + request.body()));
        }
    }

    private static void awaitNothingPending(String endpoint) {
        await().atMost(WAIT).untilAsserted(() -> as(TestTokens.admin()).get(endpoint + "/deliveries?status=PENDING")
                .then().body("total", equalTo(0)));
    }

    @Test
    void nikAndKkNumbersNeverAppearEvenIfAnEventCarriedThem() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String person = UUID.randomUUID().toString();
            consent(person, true, "2026-03-01T08:00:00+07:00");
            BENEFICIARY.publish(UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1", person, """
                    {"beneficiaryId":"%s","fullName":"Bocor","nik":"3201010101010001","kkNumber":"3201010101010002",
                     "status":"REGISTERED","partnerIds":["%s"],"household":{"noKk":"3201010101010003"}}""".formatted(person, lks));
            // The consent came before the person was known here and reached no one: one delivery, the registration.
            List<Receiver.Request> requests = receiver.awaitRequests(1, WAIT);
            for (Receiver.Request request : requests) {
                assertFalse(SIXTEEN_DIGITS.matcher(request.body()).find(), "a 16-digit number left the platform: " + request.body());
            }
            assertTrue(requests.stream().anyMatch(request -> request.body().contains("Bocor")), "with consent the name itself is sent");
        }
    }
}
