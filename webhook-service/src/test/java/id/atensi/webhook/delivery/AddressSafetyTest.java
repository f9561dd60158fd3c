package id.atensi.webhook.delivery;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.webhook.Receiver;
import id.atensi.webhook.TestHostResolver;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static id.atensi.webhook.WebhookFixtures.as;
import static id.atensi.webhook.WebhookFixtures.partner;
import static id.atensi.webhook.WebhookFixtures.register;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With production's address rules (no network allowed, plain http still accepted so that a local receiver can be
 * named): refusals at registration, and at delivery for a name that resolved to a public address when it was
 * registered and to 127.0.0.1 later, once the cached lookup of the registration has ended.
 */
@QuarkusTest
@TestProfile(AddressSafetyTest.NoPrivateNetworks.class)
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class AddressSafetyTest {

    public static class NoPrivateNetworks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("atensi.webhook.outbound.allowed-networks", "", "atensi.webhook.outbound.dns-cache", "PT1S");
        }
    }

    @AfterEach
    void forgetNames() {
        TestHostResolver.NAMES.clear();
    }

    @Test
    void loopbackPrivateLinkLocalMetadataAndCgnatAddressesAreRefusedAtRegistration() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            TestHostResolver.NAMES.put("metadata.partner.test", "169.254.169.254");
            for (String url : List.of(receiver.url(), "http://localhost:" + receiver.port() + "/", "http://10.1.2.3/hook",
                    "http://192.168.1.10/hook", "http://172.16.0.5/", "http://169.254.169.254/latest/meta-data/", "http://100.64.1.1/",
                    "http://[::1]:8080/", "http://[fd00:ec2::254]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
                    "http://metadata.partner.test/")) {
                register(TestTokens.partner(lks), lks, url, List.of("atensi.aid.*")).statusCode(422)
                        .body("rule", equalTo("address-not-allowed"));
            }
            register(TestTokens.partner(lks), lks, "http://unresolvable.partner.test/", List.of("atensi.aid.*")).statusCode(422);
            assertEquals(0, receiver.received().size());
        }
    }

    @Test
    void aNameThatResolvesTo127001AtDeliveryIsRefusedAndNothingIsSent() throws InterruptedException {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            TestHostResolver.NAMES.put("rebind.partner.test", "93.184.216.34");
            String url = "http://rebind.partner.test:" + receiver.port() + "/hooks";
            String endpoint = register(TestTokens.partner(lks), lks, url, List.of("atensi.aid.*")).statusCode(201).extract().path("id");
            TestHostResolver.NAMES.put("rebind.partner.test", "127.0.0.1");
            // The registration's lookup is kept for the profile's second; once it ends, the delivery looks the name up anew.
            Thread.sleep(1_100);
            String delivery = as(TestTokens.partner(lks)).post("/api/v1/webhooks/endpoints/" + endpoint + "/ping").then().statusCode(202)
                    .extract().path("id");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.partner(lks))
                    .get("/api/v1/webhooks/endpoints/" + endpoint + "/deliveries/" + delivery).then().statusCode(200)
                    .body("attempts[0].outcome", equalTo("REFUSED")).body("attempts[0].detail", containsString("loopback")));
            assertEquals(0, receiver.received().size(), "no request reached the receiver");
        }
    }
}
