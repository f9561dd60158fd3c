package id.atensi.partner.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.partner.KeycloakTestResource;
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
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class OpenApiDocumentTest {

    @Test
    void everyDocumentedErrorHasTheProblemBody() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> without = new ArrayList<>();
        int errors = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        errors++;
                        String schema = response.getValue().path("content").path("application/problem+json").path("schema").path("$ref").asText();
                        if (!"#/components/schemas/Problem".equals(schema)) {
                            without.add(operation.getKey().toUpperCase() + " " + path.getKey() + " " + response.getKey());
                        }
                    }
                }
            }
        }
        assertTrue(errors > 50, "the partner service documents its errors: " + errors);
        assertEquals(List.of(), without, "errors without the problem+json body");
    }
}
