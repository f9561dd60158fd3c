package id.atensi.webhook;

import id.atensi.testing.EventTopic;
import id.atensi.webhook.events.KnownPartner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Partners made known through their events, endpoints registered through the API, events written to the topics. */
public final class WebhookFixtures {

    public static final EventTopic BENEFICIARY = new EventTopic("atensi.beneficiary.events", "/atensi/beneficiary");
    public static final EventTopic PARTNER = new EventTopic("atensi.partner.events", "/atensi/partner");
    public static final EventTopic TRAINING = new EventTopic("atensi.training.events", "/atensi/training");
    public static final EventTopic AID = new EventTopic("atensi.aid.events", "/atensi/aid");
    public static final List<String> ALL_FAMILIES = List.of("atensi.beneficiary.*", "atensi.partner.*", "atensi.training.*", "atensi.aid.*");

    private WebhookFixtures() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A partner the platform knows: its registration event consumed. */
    public static String partner() {
        String id = UUID.randomUUID().toString();
        PARTNER.publish(UUID.randomUUID().toString(), "atensi.partner.registered.v2", id, """
                {"partnerId":"%s","type":"LKS","legalName":"Yayasan Uji %s","status":"ACTIVE","provinceCode":"32"}"""
                .formatted(id, id.substring(0, 8)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> KnownPartner.findById(UUID.fromString(id)) != null));
        return id;
    }

    public static ValidatableResponse register(String token, String partnerId, String url, List<String> eventTypes) {
        return as(token).body(Map.of("partnerId", partnerId, "url", url, "eventTypes", eventTypes, "description", "test receiver"))
                .post("/api/v1/webhooks/endpoints").then();
    }

    /** @return {id, secret} of a new endpoint of the partner, registered by an admin */
    public static String[] endpoint(String partnerId, String url, List<String> eventTypes) {
        var body = register(id.atensi.testing.TestTokens.admin(), partnerId, url, eventTypes).statusCode(201).extract().jsonPath();
        return new String[]{body.getString("id"), body.getString("secret")};
    }

    public static String beneficiaryRegistered(String beneficiaryId, String fullName, String... partnerIds) {
        String eventId = UUID.randomUUID().toString();
        BENEFICIARY.publish(eventId, "atensi.beneficiary.registered.v1", beneficiaryId, """
                {"beneficiaryId":"%s","fullName":"%s","status":"REGISTERED","registeredAt":"2026-03-01T09:00:00+07:00",
                 "serviceUnitId":"0a000000-0000-4000-8000-00000000000a","partnerIds":[%s],"provinceCode":"32","regencyCode":"32.01"}"""
                .formatted(beneficiaryId, fullName, quoted(partnerIds)));
        return eventId;
    }

    public static String consent(String beneficiaryId, boolean given, String changedAt) {
        String eventId = UUID.randomUUID().toString();
        BENEFICIARY.publish(eventId, "atensi.beneficiary.consent-changed.v1", beneficiaryId, """
                {"beneficiaryId":"%s","consentId":"%s","purpose":"PARTNER_SHARING","given":%s,"changedAt":"%s"}"""
                .formatted(beneficiaryId, UUID.randomUUID(), given, changedAt));
        return eventId;
    }

    public static String quoted(String... ids) {
        return String.join(",", java.util.Arrays.stream(ids).map(id -> "\"" + id + "\"").toList());
    }

    /** The receiver's own check of a Standard Webhooks signature: HMAC-SHA256 over id.timestamp.body, not the service's code. */
    public static String expectedSignature(String secret, String webhookId, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] digest = mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
