package id.atensi.training.rest;

import id.atensi.commons.security.VerifiedTokens;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * platform-commons' token cache takes the place of smallrye-jwt's parser only if CDI picks the alternative for the
 * verification Quarkus does on every request: its own unit tests cannot show that, a request through the service can.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class VerifiedTokensWiringTest {

    @Inject
    VerifiedTokens verifiedTokens;

    @Test
    void aTokenThatPassedVerificationIsKeptByTheCache() {
        String token = TestTokens.admin();
        assertFalse(verifiedTokens.holds(token), "a token minted just now");
        given().auth().oauth2(token).when().get("/api/v1/training/programmes").then().statusCode(200);
        assertTrue(verifiedTokens.holds(token), "the request's token was verified through the cache");
    }

    @Test
    void aTokenThatFailsVerificationIsRefusedAndNotKept() {
        String token = TestTokens.admin();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmVkIGJ5IG5vIG9uZQ";
        given().auth().oauth2(forged).when().get("/api/v1/training/programmes").then().statusCode(401);
        assertFalse(verifiedTokens.holds(forged));
    }
}
