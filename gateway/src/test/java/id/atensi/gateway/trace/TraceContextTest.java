package id.atensi.gateway.trace;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class TraceContextTest {

    private static final String GENERATED = "00-[0-9a-f]{32}-[0-9a-f]{16}-01";
    private static final String INCOMING = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void serviceReceivesAFreshValidTraceparentWhenTheCallerSentNone() {
        Response first = call(null);
        first.then().statusCode(200)
                .body("headers.traceparent", matchesPattern(GENERATED))
                .body("headers.x-request-id", not(nullValue()));
        Response second = call(null);
        assertNotEquals(first.path("headers.traceparent").toString(), second.path("headers.traceparent").toString());
    }

    @Test
    void validIncomingTraceparentAndTracestateAreKept() {
        given().header("Authorization", TestKeys.bearer(TestKeys.admin()))
                .header("traceparent", INCOMING)
                .header("tracestate", "vendor=abc")
                .when().get("/api/v1/beneficiaries/1")
                .then().statusCode(200)
                .body("headers.traceparent", equalTo(INCOMING))
                .body("headers.tracestate", equalTo("vendor=abc"));
    }

    @Test
    void invalidTraceparentIsReplacedAndItsTracestateDropped() {
        given().header("Authorization", TestKeys.bearer(TestKeys.admin()))
                .header("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01")
                .header("tracestate", "vendor=abc")
                .when().get("/api/v1/beneficiaries/1")
                .then().statusCode(200)
                .body("headers.traceparent", matchesPattern(GENERATED))
                .body("headers.tracestate", nullValue());
    }

    @Test
    void validation() {
        assertTrue(TraceContext.isValid(INCOMING));
        assertTrue(TraceContext.isValid(TraceContext.generate()));
        assertTrue(TraceContext.generate().matches(GENERATED));
        // A later version may carry more fields; version ff and short or all-zero ids are invalid.
        assertTrue(TraceContext.isValid("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"));
        String laterVersion = "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-";
        assertTrue(TraceContext.isValid(laterVersion + "x".repeat(512 - laterVersion.length())), "512 characters, as the services keep");
        assertFalse(TraceContext.isValid(laterVersion + "x".repeat(513 - laterVersion.length())), "longer than the services keep");
        assertFalse(TraceContext.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"));
        assertFalse(TraceContext.isValid("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertFalse(TraceContext.isValid("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"));
        assertFalse(TraceContext.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));
        assertFalse(TraceContext.isValid("garbage"));
        assertFalse(TraceContext.isValid(null));
    }

    private static Response call(String traceparent) {
        var request = given().header("Authorization", TestKeys.bearer(TestKeys.admin()));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return request.when().get("/api/v1/beneficiaries/1");
    }
}
