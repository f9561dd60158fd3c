package id.atensi.gateway.health;

import id.atensi.gateway.support.FakeServicesResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class HealthTest {

    @Test
    void gatewayIsReadyWhileSomeServicesAreDown() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void upstreamGroupReportsEachServiceWithoutGoingDown() {
        given().when().get("/q/health/group/upstreams")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].name", equalTo("upstream-services"))
                .body("checks[0].data.beneficiary", equalTo("UP"))
                .body("checks[0].data.partner", equalTo("UP"))
                .body("checks[0].data.training", equalTo("UNREACHABLE"))
                .body("checks[0].data.aid", equalTo("UNREACHABLE"));
    }
}
