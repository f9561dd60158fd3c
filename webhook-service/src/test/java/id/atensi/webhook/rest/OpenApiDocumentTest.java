package id.atensi.webhook.rest;

import id.atensi.testing.AtensiTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class OpenApiDocumentTest {

    @Test
    void everyWebhookOperationHasASummaryATagAndItsErrorResponses() {
        JsonPath document = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/v1/webhooks/")) {
                continue;
            }
            for (var operation : path.getValue().entrySet()) {
                if (!(operation.getValue() instanceof Map<?, ?> details) || !details.containsKey("responses")) {
                    continue;
                }
                operations++;
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                if (details.get("summary") == null) {
                    problems.add(where + " has no summary");
                }
                if (!(details.get("tags") instanceof List<?> tags) || tags.isEmpty()) {
                    problems.add(where + " has no tag");
                }
                Map<?, ?> responses = (Map<?, ?>) details.get("responses");
                if (!responses.containsKey("401") || !responses.containsKey("403")) {
                    problems.add(where + " does not document 401 and 403");
                }
            }
        }
        assertTrue(operations >= 11, "only " + operations + " webhook operations documented");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
