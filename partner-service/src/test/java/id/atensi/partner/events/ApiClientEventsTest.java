package id.atensi.partner.events;

import id.atensi.partner.KeycloakTestResource;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class ApiClientEventsTest {

    private static final String PATH = "/api/v1/partners/{partnerId}/api-clients";

    @Test
    void registrationRotationAndDisablingArePublishedWithWhoAndWhenButNeverASecret() {
        try (TopicReader topic = TopicReader.of("atensi.partner.events")) {
            String partner = register(lks(unique("Yayasan Jejak")));
            ExtractableResponse<Response> registered = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(json("name", "Sistem Jejak")).when().post(PATH, partner).then().statusCode(201).extract();
            String id = registered.path("apiClient.id");
            String rotatedSecret = given().auth().oauth2(TestTokens.admin()).when().post(PATH + "/{id}/rotate-secret", partner, id)
                    .then().statusCode(200).extract().path("clientSecret");
            given().auth().oauth2(TestTokens.admin()).when().post(PATH + "/{id}/disable", partner, id).then().statusCode(200);

            String secret = registered.path("clientSecret");
            String created = TopicReader.value(await(topic, id, "atensi.partner.api-client.registered.v1")).replace(" ", "");
            assertTrue(created.contains("\"partnerId\":\"" + partner + "\""), created);
            assertTrue(created.contains("\"clientId\":\"" + registered.path("clientId") + "\""), created);
            assertTrue(created.contains("\"registeredBy\":\"test-admin\""), created);
            String rotated = TopicReader.value(await(topic, id, "atensi.partner.api-client.secret-rotated.v1")).replace(" ", "");
            assertTrue(rotated.contains("\"rotatedBy\":\"test-admin\""), rotated);
            ConsumerRecord<String, byte[]> disabled = await(topic, id, "atensi.partner.api-client.disabled.v1");
            assertEquals(id, TopicReader.header(disabled, "ce_subject"));
            assertTrue(TopicReader.value(disabled).contains("DISABLED"));
            for (String event : new String[] {created, rotated, TopicReader.value(disabled)}) {
                assertFalse(event.contains(secret) || event.contains(rotatedSecret) || event.toLowerCase().contains("secret\":"),
                        "no secret leaves Keycloak but in the one answer: " + event);
            }
        }
    }

    private static ConsumerRecord<String, byte[]> await(TopicReader topic, String key, String type) {
        return topic.await(r -> key.equals(r.key()) && type.equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
    }
}
