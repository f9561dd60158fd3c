package id.atensi.gateway.routing;

import id.atensi.gateway.support.FakeService;
import id.atensi.gateway.support.ResilienceResource;
import id.atensi.gateway.support.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(ResilienceResource.class)
class ResilienceTest {

    private FakeService service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void stoppedServiceOpensTheCircuitAndIsUsedAgainWhenItIsBack() throws InterruptedException {
        int port = URI.create(ConfigProvider.getConfig().getValue("atensi.gateway.services.beneficiary.url", String.class)).getPort();
        service = FakeService.startOnPort("beneficiary", "{}", port);
        call().then().statusCode(200).body("service", equalTo("beneficiary"));

        service.stop();
        call().then().statusCode(502);
        call().then().statusCode(502);

        // Open: answered at once, the service not asked even though it is back.
        service.restart();
        int callsBefore = service.apiCalls();
        Response open = call();
        open.then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:atensi:problem:unavailable"))
                .body("code", equalTo("unavailable"))
                .body("status", equalTo(503));
        long retryAfter = Long.parseLong(open.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 1, "Retry-After " + retryAfter);
        assertEquals(callsBefore, service.apiCalls(), "an open circuit sends nothing to the service");

        // Half-open after the open duration: the trial reaches the service and closes the circuit.
        Thread.sleep(retryAfter * 1000 + 200);
        call().then().statusCode(200).body("service", equalTo("beneficiary"));
        call().then().statusCode(200);
        assertEquals(callsBefore + 2, service.apiCalls());
    }

    @Test
    void slowServiceTimesOutAndTimeoutsCountAsFailures() throws InterruptedException {
        int port = URI.create(ConfigProvider.getConfig().getValue("atensi.gateway.services.beneficiary.url", String.class)).getPort();
        service = FakeService.startOnPort("beneficiary", "{}", port);
        // Let a circuit opened by another test close first.
        Thread.sleep(1200);
        call().then().statusCode(200);
        slow().then().statusCode(504).body("code", equalTo("gateway-timeout"));
        slow().then().statusCode(504);
        call().then().statusCode(503).body("code", equalTo("unavailable"));
        Thread.sleep(1200);
        call().then().statusCode(200);
    }

    @Test
    void anonymousClientsAreLimitedByAddress() {
        int passed = 0;
        Response response = null;
        for (int i = 0; i < 10; i++) {
            response = given().when().get("/q/openapi-gateway");
            if (response.statusCode() == 429) {
                break;
            }
            assertEquals(200, response.statusCode());
            passed++;
        }
        assertTrue(passed >= 1 && passed <= 3, passed + " anonymous requests passed");
        response.then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("too-many-requests"));
        assertTrue(Long.parseLong(response.header("Retry-After")) >= 1);
    }

    @Test
    void apiRequestsWithoutTokenAreRefusedByAuthenticationBeforeTheyAreCounted() {
        for (int i = 0; i < 6; i++) {
            given().when().get("/api/v1/beneficiaries/1").then().statusCode(401);
        }
    }

    @Test
    void healthProbesAreNotLimited() {
        // Anonymous callers get 3 requests per 2 s here; probes are not counted.
        for (int i = 0; i < 8; i++) {
            given().when().get("/q/health/live").then().statusCode(200);
        }
    }

    private static Response call() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.admin())).when().get("/api/v1/beneficiaries/1");
    }

    private static Response slow() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.admin())).when().get("/api/v1/beneficiaries/slow");
    }
}
