package id.atensi.commons.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemResponsesFilterTest {

    private static OpenAPI documentWith(APIResponses responses) {
        Operation operation = OASFactory.createOperation().responses(responses);
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things/{id}", OASFactory.createPathItem().GET(operation)));
    }

    private static APIResponses responses(OpenAPI document) {
        return document.getPaths().getPathItem("/api/v1/things/{id}").getGET().getResponses();
    }

    @Test
    void errorResponsesWithoutABodyGetTheProblemBody() {
        OpenAPI document = documentWith(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("The thing"))
                .addAPIResponse("404", OASFactory.createAPIResponse().description("No such thing"))
                .addAPIResponse("503", OASFactory.createAPIResponse().description("Try later")));
        new ProblemResponsesFilter().filterOpenAPI(document);
        for (String status : new String[] {"404", "503"}) {
            assertEquals(ProblemResponsesFilter.PROBLEM_REF, responses(document).getAPIResponse(status).getContent()
                    .getMediaType("application/problem+json").getSchema().getRef(), status);
        }
        assertNull(responses(document).getAPIResponse("200").getContent(), "a success keeps what its operation says");
        assertNotNull(document.getComponents().getSchemas().get("Problem"));
        assertNotNull(document.getComponents().getSchemas().get("FieldError"));
    }

    @Test
    void anErrorBodyTheOperationDescribesItselfIsKept() {
        OpenAPI document = documentWith(OASFactory.createAPIResponses()
                .addAPIResponse("409", OASFactory.createAPIResponse().description("Taken").content(OASFactory.createContent()
                        .addMediaType("application/problem+json", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/DuplicateProblem"))))));
        new ProblemResponsesFilter().filterOpenAPI(document);
        assertEquals("#/components/schemas/DuplicateProblem", responses(document).getAPIResponse("409").getContent()
                .getMediaType("application/problem+json").getSchema().getRef());
    }

    @Test
    void everyOperationDocumentsTheDatabaseOutageAsAProblemWithRetryAfter() {
        OpenAPI document = documentWith(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("The thing")));
        new ProblemResponsesFilter().filterOpenAPI(document);
        APIResponse unavailable = responses(document).getAPIResponse("503");
        assertEquals(ProblemResponsesFilter.DATABASE_UNREACHABLE, unavailable.getDescription());
        assertEquals(ProblemResponsesFilter.PROBLEM_REF, unavailable.getContent().getMediaType("application/problem+json").getSchema().getRef());
        assertTrue(unavailable.getHeaders().get("Retry-After").getRequired(), "Retry-After is always sent with it");
        assertNotNull(document.getComponents().getSchemas().get("Problem"));
    }

    @Test
    void anOperationsOwnProblem503IsExtendedByTheOutage() {
        OpenAPI document = documentWith(OASFactory.createAPIResponses()
                .addAPIResponse("503", OASFactory.createAPIResponse().description("Keycloak does not answer")));
        new ProblemResponsesFilter().filterOpenAPI(document);
        APIResponse unavailable = responses(document).getAPIResponse("503");
        assertEquals("Keycloak does not answer. Also: " + ProblemResponsesFilter.DATABASE_UNREACHABLE, unavailable.getDescription());
        assertNotNull(unavailable.getHeaders().get("Retry-After"));
        new ProblemResponsesFilter().filterOpenAPI(document);
        assertEquals("Keycloak does not answer. Also: " + ProblemResponsesFilter.DATABASE_UNREACHABLE,
                responses(document).getAPIResponse("503").getDescription(), "said once, however often the filter runs");
    }

    @Test
    void a503WithABodyOfItsOwnIsLeftAsTheOperationSaysIt() {
        OpenAPI document = documentWith(OASFactory.createAPIResponses()
                .addAPIResponse("503", OASFactory.createAPIResponse().description("err.service.unavailable").content(OASFactory.createContent()
                        .addMediaType("application/json", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/SpdciAcknowledgement"))))));
        new ProblemResponsesFilter().filterOpenAPI(document);
        APIResponse unavailable = responses(document).getAPIResponse("503");
        assertEquals("err.service.unavailable", unavailable.getDescription());
        assertNull(unavailable.getContent().getMediaType("application/problem+json"));
        assertNull(unavailable.getHeaders());
    }

    @Test
    void anOperationThatReadsABodyDocumentsTheUnreadableBodyAndTheWrongMediaType() {
        Operation create = OASFactory.createOperation().requestBody(OASFactory.createRequestBody())
                .responses(OASFactory.createAPIResponses().addAPIResponse("201", OASFactory.createAPIResponse().description("Made")));
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things", OASFactory.createPathItem().POST(create)));
        new ProblemResponsesFilter().filterOpenAPI(document);
        APIResponses responses = document.getPaths().getPathItem("/api/v1/things").getPOST().getResponses();
        assertEquals(ProblemResponsesFilter.UNREADABLE_INPUT, responses.getAPIResponse("400").getDescription());
        assertEquals(ProblemResponsesFilter.UNSUPPORTED_MEDIA_TYPE, responses.getAPIResponse("415").getDescription());
        for (String status : new String[] {"400", "415"}) {
            assertEquals(ProblemResponsesFilter.PROBLEM_REF, responses.getAPIResponse(status).getContent()
                    .getMediaType("application/problem+json").getSchema().getRef(), status);
        }
    }

    @Test
    void anOperationWithParametersAndNoBodyDocumentsTheUnreadableParameterOnly() {
        Operation list = OASFactory.createOperation()
                .addParameter(OASFactory.createParameter().name("page").in(Parameter.In.QUERY))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("A page")));
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things", OASFactory.createPathItem().GET(list)));
        new ProblemResponsesFilter().filterOpenAPI(document);
        APIResponses responses = document.getPaths().getPathItem("/api/v1/things").getGET().getResponses();
        assertEquals(ProblemResponsesFilter.UNREADABLE_INPUT, responses.getAPIResponse("400").getDescription());
        assertNull(responses.getAPIResponse("415"), "no body, no media type to refuse");
    }

    @Test
    void onlyAnOperationThatAnswersWithABodyDocumentsTheAcceptItCannotMeet() {
        Operation read = OASFactory.createOperation()
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("The thing")
                        .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()))));
        Operation remove = OASFactory.createOperation()
                .responses(OASFactory.createAPIResponses().addAPIResponse("204", OASFactory.createAPIResponse().description("Gone")));
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things", OASFactory.createPathItem().GET(read).DELETE(remove)));
        new ProblemResponsesFilter().filterOpenAPI(document);
        PathItem things = document.getPaths().getPathItem("/api/v1/things");
        assertEquals(ProblemResponsesFilter.NOT_ACCEPTABLE, things.getGET().getResponses().getAPIResponse("406").getDescription());
        assertEquals(ProblemResponsesFilter.PROBLEM_REF, things.getGET().getResponses().getAPIResponse("406").getContent()
                .getMediaType("application/problem+json").getSchema().getRef());
        assertNull(things.getDELETE().getResponses().getAPIResponse("406"), "no body, nothing to negotiate");
    }

    @Test
    void anOperationsOwn400IsKept() {
        Operation create = OASFactory.createOperation().requestBody(OASFactory.createRequestBody())
                .responses(OASFactory.createAPIResponses().addAPIResponse("400", OASFactory.createAPIResponse().description("Invalid thing")));
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things", OASFactory.createPathItem().POST(create)));
        new ProblemResponsesFilter().filterOpenAPI(document);
        assertEquals("Invalid thing", document.getPaths().getPathItem("/api/v1/things").getPOST().getResponses().getAPIResponse("400").getDescription());
    }
}
