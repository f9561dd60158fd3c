package id.atensi.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * What every ATENSI service promises operators and the gateway: readiness that checks its database and
 * Kafka, and its OpenAPI and AsyncAPI documents without a token. A service's {@code @QuarkusTest} extends this.
 */
public abstract class ServiceHealthContract {

    @Test
    void readyOnlyWithItsDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
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
