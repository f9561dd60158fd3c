package id.atensi.beneficiary.rest;

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
 * each the problem+json body. The response contract checks every test's answers against this document, so an error
 * response without that body here would let a wrong body through.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class OpenApiDocumentTest {

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    @Test
    void everyDocumentedErrorIsAProblem() throws Exception {
        JsonNode document = document();
        List<String> errors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        String where = operation.getKey() + " " + path.getKey() + " " + response.getKey();
                        errors.add(where);
                        JsonNode schema = response.getValue().path("content").path("application/problem+json").path("schema");
                        if (!"#/components/schemas/Problem".equals(schema.path("$ref").asText())) {
                            notProblems.add(where + ": " + response.getValue());
                        }
                    }
                }
            }
        }
        assertTrue(errors.size() > 50, "the document lists the errors of every operation: " + errors.size());
        assertEquals(List.of(), notProblems);
        JsonNode problem = document.path("components").path("schemas").path("Problem").path("properties");
        for (String property : List.of("type", "title", "status", "detail", "code", "errors")) {
            assertTrue(problem.has(property), "the Problem schema describes " + property + ": " + problem);
        }
    }

    @Test
    void theExamplesSpeakTheProgrammesVocabulary() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        assertEquals("[\"PERSONS_WITH_DISABILITIES\",\"ELDERLY\"]",
                schemas.path("BeneficiaryRequest").path("properties").path("clusters").path("example").toString());
        assertEquals("\"VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP\"",
                schemas.path("AssessmentNeed").path("properties").path("service").path("example").toString());
        JsonNode caseStatus = schemas.path("CaseStatusResponse").path("properties");
        assertTrue(caseStatus.has("allowedTransitions") && !caseStatus.has("allowedNext"), caseStatus.toString());
    }

    @Test
    void theExportsDocumentNamesTheTwoMediaTypesItAnswersWith() throws Exception {
        JsonNode content = document().path("paths").path("/api/v1/beneficiaries/{id}/data-exports/{exportId}/document")
                .path("get").path("responses").path("200").path("content");
        List<String> mediaTypes = new ArrayList<>();
        content.fieldNames().forEachRemaining(mediaTypes::add);
        assertEquals(List.of("application/json", "text/html"), mediaTypes.stream().sorted().toList(), content.toString());
    }
}
