package id.atensi.systemtests;

import id.atensi.testing.TestInfrastructure;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.systemtests.PlatformFixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 17's onboarding, through the gateway: an admin registers a partner and an API client for it; the partner's
 * system takes its own tokens from Keycloak by client credentials and sees exactly what the partner sees; a new
 * secret retires the old one; a disabled client gets no token.
 */
@ExtendWith(SharedPlatform.class)
class PartnerApiClientSystemTest {

    @Test
    void aPartnerSystemOnboardsTakesItsOwnTokensAndIsCutOff() {
        String partnerId = registerPartner("Yayasan Integrasi");
        String otherPartnerId = registerPartner("Yayasan Tetangga");

        ExtractableResponse<Response> registered = as(KeycloakTokens.admin()).body(Map.of("name", "Sistem informasi LKS"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/partners/{id}/api-clients", partnerId)
                .then().statusCode(201)
                .body("clientSecret", notNullValue())
                .body("tokenUrl", equalTo(TestInfrastructure.keycloak().issuer() + "/protocol/openid-connect/token"))
                .body("apiClient.partnerId", equalTo(partnerId))
                .extract();
        String apiClientId = registered.path("apiClient.id");
        String clientId = registered.path("clientId");
        String secret = registered.path("clientSecret");

        String token = clientCredentials(clientId, secret);
        as(token).get("/api/v1/partners/{id}", partnerId).then().statusCode(200).body("id", equalTo(partnerId));
        as(token).get("/api/v1/partners/{id}", otherPartnerId).then().statusCode(404).contentType("application/problem+json");
        as(token).get("/api/v1/partners/{id}/api-clients", partnerId).then().statusCode(200).body("items.id", equalTo(List.of(apiClientId)));
        as(token).body(Map.of("name", "Self-made")).post("/api/v1/partners/{id}/api-clients", partnerId).then().statusCode(403);

        String newSecret = as(KeycloakTokens.admin()).post("/api/v1/partners/{id}/api-clients/{client}/rotate-secret", partnerId, apiClientId)
                .then().statusCode(200).extract().path("clientSecret");
        assertThrows(IllegalStateException.class, () -> clientCredentials(clientId, secret), "Keycloak refuses the old secret");
        String rotatedToken = clientCredentials(clientId, newSecret);
        as(rotatedToken).get("/api/v1/partners/{id}", partnerId).then().statusCode(200);

        as(KeycloakTokens.admin()).post("/api/v1/partners/{id}/api-clients/{client}/disable", partnerId, apiClientId)
                .then().statusCode(200).body("status", equalTo("DISABLED"));
        assertThrows(IllegalStateException.class, () -> clientCredentials(clientId, newSecret), "a disabled client gets no token");
        // The bound the README states: a token taken before disabling works until it expires (verified locally, no call to Keycloak).
        as(rotatedToken).get("/api/v1/partners/{id}", partnerId).then().statusCode(200);
    }

    private static String clientCredentials(String clientId, String secret) {
        return TestInfrastructure.keycloak().admin().clientCredentialsToken(clientId, secret);
    }

    private static String registerPartner(String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return as(KeycloakTokens.admin()).body(Map.of("type", "LKS", "legalName", name + " " + suffix, "registrationNumber", "AHU-" + UUID.randomUUID(),
                        "provinceCode", "32", "regencyCode", "32.02", "clusters", List.of("PERSONS_WITH_DISABILITIES")))
                .post("/api/v1/partners").then().statusCode(201).extract().path("id");
    }

}
