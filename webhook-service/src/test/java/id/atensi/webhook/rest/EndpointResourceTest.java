package id.atensi.webhook.rest;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.webhook.Receiver;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import id.atensi.webhook.domain.SecretCipher;
import id.atensi.webhook.service.SecretsAtRest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.webhook.WebhookFixtures.as;
import static id.atensi.webhook.WebhookFixtures.endpoint;
import static id.atensi.webhook.WebhookFixtures.partner;
import static id.atensi.webhook.WebhookFixtures.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class EndpointResourceTest {

    @Inject
    EntityManager entityManager;

    @Inject
    SecretCipher cipher;

    @Inject
    SecretsAtRest secretsAtRest;

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
    void aRetryWithTheSameIdempotencyKeyAnswersTheSameEndpointWithoutItsSecret() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            Map<String, Object> request = Map.of("url", receiver.url(), "eventTypes", List.of("atensi.aid.*"), "maxInFlight", 16);
            String key = "register-" + UUID.randomUUID();
            var first = as(TestTokens.partner(lks)).header("Idempotency-Key", key).body(request).post(ENDPOINTS).then().statusCode(201)
                    .header("Idempotent-Replayed", nullValue()).header("Cache-Control", containsString("no-store"))
                    .body("secret", matchesPattern("whsec_.*")).body("maxInFlight", equalTo(16)).extract();
            String id = first.path("id");
            as(TestTokens.partner(lks)).header("Idempotency-Key", key).body(request).post(ENDPOINTS).then().statusCode(201)
                    .header("Idempotent-Replayed", equalTo("true"))
                    .header("Location", first.header("Location"))
                    .body("id", equalTo(id)).body("containsKey('secret')", equalTo(false));
            as(TestTokens.partner(lks)).header("Idempotency-Key", key).body(Map.of("url", receiver.url(), "eventTypes", List.of("atensi.training.*")))
                    .post(ENDPOINTS).then().statusCode(422).body("code", equalTo("unprocessable"));
            as(TestTokens.partner(lks)).header("Idempotency-Key", "x".repeat(201)).body(request).post(ENDPOINTS).then().statusCode(400)
                    .body("errors[0].field", equalTo("Idempotency-Key"));
            as(TestTokens.partner(lks)).header("Idempotency-Key", "tab\tinside").body(request).post(ENDPOINTS).then().statusCode(400)
                    .body("errors[0].field", equalTo("Idempotency-Key"));
            as(TestTokens.partner(lks)).header("Idempotency-Key", "h\u00e9").body(request).post(ENDPOINTS).then().statusCode(400)
                    .body("errors[0].field", equalTo("Idempotency-Key"));
            as(TestTokens.partner(lks)).get(ENDPOINTS).then().statusCode(200).body("items.findAll { it.id == '" + id + "' }.size()", equalTo(1))
                    .body("total", equalTo(1));
        }
    }

    @Test
    void theSigningSecretIsEncryptedInTheDatabaseAndAPlainOneIsSealedAtStart() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            String[] registered = endpoint(lks, receiver.url(), List.of("atensi.aid.*"));
            String rotated = as(TestTokens.partner(lks)).post(ENDPOINTS + "/" + registered[0] + "/secret/rotation").then().statusCode(200)
                    .extract().path("secret");
            Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                    "SELECT secret, previous_secret FROM endpoint WHERE id = :id").setParameter("id", UUID.fromString(registered[0])).getSingleResult());
            for (Object column : stored) {
                assertFalse(column.toString().contains("whsec_"), "plain text in the endpoint table: " + column);
                assertFalse(column.toString().contains(registered[1].substring(6)) || column.toString().contains(rotated.substring(6)));
            }
            assertEquals(rotated, cipher.open(stored[0].toString()));
            assertEquals(registered[1], cipher.open(stored[1].toString()));

            // A secret stored before encryption (or by a local run without a key) is sealed at the next start.
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("UPDATE endpoint SET secret = :plain WHERE id = :id")
                    .setParameter("plain", registered[1]).setParameter("id", UUID.fromString(registered[0])).executeUpdate());
            assertEquals(1, secretsAtRest.sealPlaintext());
            String resealed = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                    "SELECT secret FROM endpoint WHERE id = :id").setParameter("id", UUID.fromString(registered[0])).getSingleResult());
            assertTrue(resealed.startsWith("aesgcm:test-1:"), resealed);
            assertEquals(registered[1], cipher.open(resealed));
        }
    }

    @Test
    void aLimitOfRequestsInFlightOutsideOneTo256IsRefused() {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            for (int limit : new int[] {0, 257}) {
                as(TestTokens.partner(lks)).body(Map.of("url", receiver.url(), "eventTypes", List.of("atensi.aid.*"), "maxInFlight", limit))
                        .post(ENDPOINTS).then().statusCode(400).body("errors.field", hasItem("maxInFlight"));
            }
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
