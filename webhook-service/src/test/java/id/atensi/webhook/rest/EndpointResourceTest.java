package id.atensi.webhook.rest;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.webhook.Receiver;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.webhook.WebhookFixtures.as;
import static id.atensi.webhook.WebhookFixtures.endpoint;
import static id.atensi.webhook.WebhookFixtures.partner;
import static id.atensi.webhook.WebhookFixtures.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class EndpointResourceTest {

    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";

    @Test
    void aPartnerRegistersForItselfAndSeesTheSecretOnce() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            var created = as(TestTokens.partner(lks)).body(Map.of("url", receiver.url(), "eventTypes", List.of("atensi.aid.*", "atensi.aid.*")))
                    .post(ENDPOINTS).then().statusCode(201)
                    .header("Location", matchesPattern(".*/api/v1/webhooks/endpoints/[0-9a-f-]{36}"))
                    .header("ETag", notNullValue())
                    .body("partnerId", equalTo(lks)).body("status", equalTo("ENABLED"))
                    .body("eventTypes", equalTo(List.of("atensi.aid.*")))
                    .body("secret", matchesPattern("whsec_[A-Za-z0-9+/=]{44}"))
                    .body("allowedTransitions", equalTo(List.of("DISABLED")))
                    .extract().jsonPath();
            as(TestTokens.partner(lks)).get(ENDPOINTS + "/" + created.getString("id")).then().statusCode(200)
                    .body("containsKey('secret')", equalTo(false)).body("url", equalTo(receiver.url()));
        }
    }

    @Test
    void anAdminMustNameAKnownActivePartner() {
        try (Receiver receiver = Receiver.start()) {
            as(TestTokens.admin()).body(Map.of("url", receiver.url(), "eventTypes", List.of("atensi.aid.*")))
                    .post(ENDPOINTS).then().statusCode(400).body("errors.field", hasItem("partnerId"));
            register(TestTokens.admin(), UUID.randomUUID().toString(), receiver.url(), List.of("atensi.aid.*"))
                    .statusCode(422).body("code", equalTo("unprocessable"));
            register(TestTokens.admin(), partner(), receiver.url(), List.of("atensi.aid.*")).statusCode(201);
        }
    }

    @Test
    void aPartnerCannotRegisterForAnotherPartner() {
        String lks = partner();
        String other = partner();
        try (Receiver receiver = Receiver.start()) {
            register(TestTokens.partner(lks), other, receiver.url(), List.of("atensi.aid.*")).statusCode(404).body("code", equalTo("not-found"));
        }
    }

    @Test
    void rolesOtherThanAdminAndPartnerAreForbiddenAndNoTokenIsUnauthenticated() {
        for (String token : List.of(TestTokens.officer(), TestTokens.auditor(), TestTokens.viewer())) {
            as(token).get(ENDPOINTS).then().statusCode(403).body("code", equalTo("forbidden"));
            as(token).body(Map.of("url", "https://example.org/", "eventTypes", List.of("atensi.aid.*"))).post(ENDPOINTS).then().statusCode(403);
        }
        given().get(ENDPOINTS).then().statusCode(401).body("code", equalTo("unauthenticated"));
    }

    @Test
    void unknownEventTypesAndMalformedUrlsAreRefusedNamingTheField() {
        String lks = partner();
        register(TestTokens.partner(lks), lks, "https://example.org/hook", List.of("atensi.aid.programme.opened.v1"))
                .statusCode(400).body("errors.field", hasItem("eventTypes"));
        for (String url : List.of("ftp://example.org/x", "https://user:pw@example.org/", "not a url", "https://example.org/#frag")) {
            register(TestTokens.partner(lks), lks, url, List.of("atensi.aid.*")).statusCode(400).body("errors.field", hasItem("url"));
        }
        as(TestTokens.partner(lks)).body(Map.of("url", "https://example.org/", "eventTypes", List.of())).post(ENDPOINTS)
                .then().statusCode(400).body("errors.field", hasItem("eventTypes"));
    }

    @Test
    void anotherPartnersEndpointIsNotFoundWhateverIsDone() {
        String lks = partner();
        String other = partner();
        try (Receiver receiver = Receiver.start()) {
            String id = endpoint(lks, receiver.url(), List.of("atensi.aid.*"))[0];
            String token = TestTokens.partner(other);
            as(token).get(ENDPOINTS + "/" + id).then().statusCode(404);
            as(token).header("If-Match", "\"0\"").body(Map.of("url", receiver.url(), "eventTypes", List.of("atensi.aid.*")))
                    .put(ENDPOINTS + "/" + id).then().statusCode(404);
            as(token).body(Map.of("status", "DISABLED")).post(ENDPOINTS + "/" + id + "/status").then().statusCode(404);
            as(token).post(ENDPOINTS + "/" + id + "/secret/rotation").then().statusCode(404);
            as(token).post(ENDPOINTS + "/" + id + "/ping").then().statusCode(404);
            as(token).get(ENDPOINTS + "/" + id + "/deliveries").then().statusCode(404);
            as(token).delete(ENDPOINTS + "/" + id).then().statusCode(404);
            as(token).get(ENDPOINTS).then().statusCode(200).body("items.id", not(hasItem(id)));
            as(TestTokens.partner(lks)).get(ENDPOINTS).then().statusCode(200).body("items.partnerId", everyItem(equalTo(lks)))
                    .body("items.id", hasItem(id));
            as(TestTokens.admin()).get(ENDPOINTS + "?partnerId=" + lks).then().statusCode(200).body("total", equalTo(1));
        }
    }

    @Test
    void anUpdateNeedsTheCurrentVersion() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String id = endpoint(lks, receiver.url(), List.of("atensi.aid.*"))[0];
            Map<String, Object> change = Map.of("url", receiver.url() + "/v2", "eventTypes", List.of("atensi.training.*"), "description", "v2");
            as(TestTokens.partner(lks)).body(change).put(ENDPOINTS + "/" + id).then().statusCode(428);
            String etag = as(TestTokens.partner(lks)).get(ENDPOINTS + "/" + id).then().extract().header("ETag");
            as(TestTokens.partner(lks)).header("If-Match", etag).body(change).put(ENDPOINTS + "/" + id).then().statusCode(200)
                    .body("eventTypes", equalTo(List.of("atensi.training.*"))).body("description", equalTo("v2"));
            as(TestTokens.partner(lks)).header("If-Match", etag).body(change).put(ENDPOINTS + "/" + id).then().statusCode(412);
        }
    }

    @Test
    void disablingTwiceIsAConflictAndEnablingResumes() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String id = endpoint(lks, receiver.url(), List.of("atensi.aid.*"))[0];
            as(TestTokens.partner(lks)).body(Map.of("status", "DISABLED")).post(ENDPOINTS + "/" + id + "/status").then().statusCode(200)
                    .body("status", equalTo("DISABLED")).body("disabledReason", equalTo("MANUAL"));
            as(TestTokens.partner(lks)).body(Map.of("status", "DISABLED")).post(ENDPOINTS + "/" + id + "/status").then().statusCode(409)
                    .body("currentStatus", equalTo("DISABLED")).body("allowedTransitions", equalTo(List.of("ENABLED")));
            as(TestTokens.partner(lks)).post(ENDPOINTS + "/" + id + "/ping").then().statusCode(409);
            as(TestTokens.partner(lks)).body(Map.of("status", "ENABLED")).post(ENDPOINTS + "/" + id + "/status").then().statusCode(200)
                    .body("status", equalTo("ENABLED")).body("containsKey('disabledReason')", equalTo(false));
            as(TestTokens.partner(lks)).body(Map.of("status", "PAUSED")).post(ENDPOINTS + "/" + id + "/status").then().statusCode(400);
        }
    }

    @Test
    void aDeletedEndpointIsGone() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String id = endpoint(lks, receiver.url(), List.of("atensi.aid.*"))[0];
            as(TestTokens.partner(lks)).delete(ENDPOINTS + "/" + id).then().statusCode(204);
            as(TestTokens.partner(lks)).get(ENDPOINTS + "/" + id).then().statusCode(404);
        }
    }

    @Test
    void listsArePagedWithinTheirBounds() {
        as(TestTokens.admin()).get(ENDPOINTS + "?size=201").then().statusCode(400);
        as(TestTokens.admin()).get(ENDPOINTS + "?page=-1").then().statusCode(400);
        as(TestTokens.admin()).get(ENDPOINTS + "?size=1").then().statusCode(200).body("size", equalTo(1)).body("page", equalTo(0));
    }
}
