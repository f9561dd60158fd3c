package id.atensi.training.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.testing.AtensiTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resources document their errors by status and description only; platform-commons' ProblemResponsesFilter gives
 * every one of them the problem+json body, so a client's generated code knows what a 4xx or 5xx carries.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class OpenApiDocumentTest {

    @Test
    void everyTrainingOperationHasASummaryATagAndItsErrorsTheProblemBody() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        int operations = 0;
        int errors = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/v1/training/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode responses = operation.getValue().path("responses");
                if (responses.isMissingNode()) {
                    continue;
                }
                operations++;
                String where = operation.getKey().toUpperCase() + " " + path.getKey();
                if (operation.getValue().path("summary").asText().isBlank()) {
                    problems.add(where + " has no summary");
                }
                if (operation.getValue().path("tags").isEmpty()) {
                    problems.add(where + " has no tag");
                }
                if (!responses.has("401") || !responses.has("403")) {
                    problems.add(where + " does not document 401 and 403");
                }
                for (Map.Entry<String, JsonNode> response : responses.properties()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        errors++;
                        String schema = response.getValue().path("content").path("application/problem+json").path("schema").path("$ref").asText();
                        if (!"#/components/schemas/Problem".equals(schema)) {
                            problems.add(where + " " + response.getKey() + " has no problem+json body");
                        }
                    }
                }
            }
        }
        assertTrue(operations >= 25, "only " + operations + " training operations documented");
        assertTrue(errors > 50, "the training service documents its errors: " + errors);
        assertEquals(List.of(), problems);
    }
}
