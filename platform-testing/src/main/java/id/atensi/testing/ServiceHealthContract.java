package id.atensi.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * What every ATENSI service promises operators and the gateway: readiness that checks its database and
 * Kafka and reports its outbox and identity provider, and its OpenAPI and AsyncAPI documents without a token. A service's {@code @QuarkusTest} extends this.
 */
public abstract class ServiceHealthContract {

    /**
     * Readiness lists what operators' runbooks read there: the database and Kafka (DOWN takes the replica out of
     * rotation), the outbox's backlog and the identity provider's keys (reported, always UP).
     */
    @Test
    void readyOnlyWithItsDatabaseAndKafkaAndReportsItsOutboxAndIdentityProvider() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check",
                        "Event outbox", "Identity provider"))
                .body("checks.find { it.name == 'Event outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Identity provider' }.status", equalTo("UP"));
    }

    @Test
    void servesItsOpenApiWithoutAToken() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("openapi", equalTo("3.0.3"));
    }

    @Test
    void servesItsAsyncApiDocumentWithoutAToken() {
        given().when().get("/asyncapi.yaml")
                .then().statusCode(200)
                .body(containsString("asyncapi: 3.0.0"));
    }

    @Test
    void livenessAndMetricsNeedNoToken() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
