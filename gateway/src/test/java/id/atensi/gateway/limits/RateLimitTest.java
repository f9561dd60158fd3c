package id.atensi.gateway.limits;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.TestKeys;
import id.atensi.local.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared test configuration gives auditors and partners 3 requests per 4 s; every test mints its own client. */
@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class RateLimitTest {

    private static final String API_PATH = "/api/v1/beneficiaries/1";

    @Test
    void clientOverTheLimitGetsTooManyRequestsUntilTheBucketRefills() throws InterruptedException {
        String token = mint("auditor-" + UUID.randomUUID(), "auditor", null);
        Response limited = untilLimited(token, token);
        limited.then().contentType("application/problem+json")
                .header("X-Request-Id", not(emptyOrNullString()))
                .body("type", equalTo("urn:atensi:problem:too-many-requests"))
                .body("code", equalTo("too-many-requests"))
                .body("status", equalTo(429));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After in whole seconds within the refill period: " + retryAfter);

        // Another client is not affected.
        get(mint("auditor-" + UUID.randomUUID(), "auditor", null)).then().statusCode(200);

        Thread.sleep(retryAfter * 1000 + 300);
        get(token).then().statusCode(200).body("service", equalTo("beneficiary"));
    }

    @Test
    void usersOfOnePartnerOrganisationShareOneLimit() {
        String partnerId = UUID.randomUUID().toString();
        String first = mint("partner-user-a-" + UUID.randomUUID(), "partner", partnerId);
        String second = mint("partner-user-b-" + UUID.randomUUID(), "partner", partnerId);
        untilLimited(first, second);
        get(first).then().statusCode(429);
        get(second).then().statusCode(429);
        get(mint("partner-user-c-" + UUID.randomUUID(), "partner", UUID.randomUUID().toString())).then().statusCode(200);
    }

    /** Alternates the two tokens until one is refused; at most the capacity (3) may pass, at least one must. */
    private static Response untilLimited(String token, String otherToken) {
        int passed = 0;
        for (int i = 0; i < 20; i++) {
            Response response = get(i % 2 == 0 ? token : otherToken);
            if (response.statusCode() == 429) {
                assertTrue(passed >= 1 && passed <= 3, passed + " requests passed before the limit");
                return response;
            }
            assertEquals(200, response.statusCode());
            passed++;
        }
        throw new AssertionError("no 429 after 20 requests");
    }

    private static Response get(String token) {
        return given().header("Authorization", TestKeys.bearer(token)).when().get(API_PATH);
    }

    private static String mint(String subject, String role, String partnerId) {
        return new Tokens(TestKeys.keys()).mint(subject, Set.of(role), Tokens.Scope.partner(partnerId), Duration.ofMinutes(5));
    }
}
