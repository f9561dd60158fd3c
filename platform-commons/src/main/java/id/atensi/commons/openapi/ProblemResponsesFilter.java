package id.atensi.commons.openapi;

import id.atensi.commons.rest.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.List;
import java.util.Map;

/**
 * Every error response of every operation is a problem: an operation documents its 4xx and 5xx answers by status
 * and description alone, and this filter gives each the {@code application/problem+json} body with the Problem
 * schema. Written once here instead of a content annotation on every error response of every resource.
 * <p>
 * It also adds the one error every operation can answer whatever it does, the 503 of a database that cannot be
 * reached (with {@code Retry-After}; see {@code ProblemExceptionMappers}): an operation that documents a 503 of its
 * own keeps its description, extended by this cause when its body is the platform's problem. And it adds what any
 * operation that reads input can answer: 400 for a parameter or body it cannot read, 415 for a body in a media type it
 * does not take; and, where a success answers with a body, 406 for an Accept that none of its media types meets.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String UNAVAILABLE = "503";
    static final String DATABASE_UNREACHABLE = "The service's database cannot be reached for a moment: try again after Retry-After seconds";
    static final String RETRY_AFTER = "Retry-After";
    static final String UNREADABLE_INPUT = "A parameter or the body cannot be read or breaks a rule: errors names each";
    static final String UNSUPPORTED_MEDIA_TYPE = "The body is not in a media type this operation takes (Content-Type)";
    static final String NOT_ACCEPTABLE = "Accept names no media type this operation answers in";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean used = false;
        for (PathItem pathItem : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : operations(pathItem)) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                    continue;
                }
                addDatabaseUnreachable(operation);
                addUnreadableInput(pathItem, operation);
                addNotAcceptable(operation);
                for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
                    if (isError(response.getKey())) {
                        used = true;
                        if (response.getValue().getContent() == null || response.getValue().getContent().getMediaTypes() == null
                                || response.getValue().getContent().getMediaTypes().isEmpty()) {
                            response.getValue().setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
                        }
                    }
                }
            }
        }
        if (used) {
            addSchemas(openAPI);
        }
    }

    private static void addDatabaseUnreachable(Operation operation) {
        APIResponse unavailable = operation.getResponses().getAPIResponse(UNAVAILABLE);
        if (unavailable == null) {
            operation.getResponses().addAPIResponse(UNAVAILABLE, OASFactory.createAPIResponse().description(DATABASE_UNREACHABLE)
                    .addHeader(RETRY_AFTER, retryAfter()));
            return;
        }
        boolean problem = unavailable.getContent() == null || unavailable.getContent().getMediaTypes() == null
                || unavailable.getContent().getMediaTypes().isEmpty();
        if (problem && (unavailable.getDescription() == null || !unavailable.getDescription().contains(DATABASE_UNREACHABLE))) {
            unavailable.description(unavailable.getDescription() == null ? DATABASE_UNREACHABLE
                    : unavailable.getDescription().replaceFirst("\\.$", "") + ". Also: " + DATABASE_UNREACHABLE);
            if (unavailable.getHeaders() == null || !unavailable.getHeaders().containsKey(RETRY_AFTER)) {
                unavailable.addHeader(RETRY_AFTER, retryAfter());
            }
        }
    }

    private static void addUnreadableInput(PathItem pathItem, Operation operation) {
        boolean body = operation.getRequestBody() != null;
        boolean parameters = (pathItem.getParameters() != null && !pathItem.getParameters().isEmpty())
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if ((body || parameters) && operation.getResponses().getAPIResponse("400") == null) {
            operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse().description(UNREADABLE_INPUT));
        }
        if (body && operation.getResponses().getAPIResponse("415") == null) {
            operation.getResponses().addAPIResponse("415", OASFactory.createAPIResponse().description(UNSUPPORTED_MEDIA_TYPE));
        }
    }

    private static void addNotAcceptable(Operation operation) {
        boolean answersWithABody = operation.getResponses().getAPIResponses().entrySet().stream()
                .anyMatch(response -> response.getKey().startsWith("2") && response.getValue().getContent() != null
                        && response.getValue().getContent().getMediaTypes() != null
                        && !response.getValue().getContent().getMediaTypes().isEmpty());
        if (answersWithABody && operation.getResponses().getAPIResponse("406") == null) {
            operation.getResponses().addAPIResponse("406", OASFactory.createAPIResponse().description(NOT_ACCEPTABLE));
        }
    }

    private static Header retryAfter() {
        return OASFactory.createHeader().required(true).description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32"));
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static List<Operation> operations(PathItem pathItem) {
        return pathItem.getOperations() == null ? List.of() : List.copyOf(pathItem.getOperations().values());
    }

    /** The Problem schema as the annotations on {@link Problem} describe it, for services whose code no longer names the class. */
    private static void addSchemas(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas != null && schemas.containsKey("Problem")) {
            return;
        }
        openAPI.getComponents().addSchema("FieldError", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", string("The field's path in the request"))
                .addProperty("message", string("What is wrong with it")));
        openAPI.getComponents().addSchema("Problem", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem detail; a problem may carry further members (e.g. existingId, currentStatus, allowedTransitions)")
                .additionalPropertiesSchema(OASFactory.createSchema())
                .addProperty("type", string("urn:atensi:problem: followed by the code"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32").description("The HTTP status"))
                .addProperty("detail", string("What went wrong with this request, without personal data"))
                .addProperty("instance", string(null))
                .addProperty("code", string("Stable machine-readable code, e.g. validation, not-found, conflict, precondition-failed"))
                .addProperty("requestId", string("Request id, as in the X-Request-Id header"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .description("The rejected fields of a failed validation (400)")
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError"))));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
