package id.atensi.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every response a service test receives against the service's own OpenAPI document: a status, a media type
 * or a body shape the document does not promise fails the test. Requests are not checked, since tests send
 * malformed ones on purpose.
 *
 * <p>A module turns it on for all its {@code @QuarkusTest}s by listing {@link Callback} in its test resources'
 * {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback}.
 */
public final class OpenApiResponseContract implements Filter {

    private static final int OPENAPI_READ_ATTEMPTS = 5;

    private static final Map<String, OpenApiValidationFilter> VALIDATORS_BY_SERVICE = new ConcurrentHashMap<>();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        URI uri = URI.create(request.getURI());
        if (uri.getPath().startsWith("/q/") || uri.getPath().startsWith("/admin/") || uri.getPath().endsWith(".yaml")) {
            return context.next(request, response);
        }
        String service = uri.getScheme() + "://" + uri.getAuthority();
        return VALIDATORS_BY_SERVICE.computeIfAbsent(service, OpenApiResponseContract::validatorFor).filter(request, response, context);
    }

    private static OpenApiValidationFilter validatorFor(String service) {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(openApiOf(service))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        return new OpenApiValidationFilter(validator);
    }

    /**
     * Reads the document over HTTP/1.1, as the tests' own requests go, and tries again a few times: a fresh Quarkus
     * instance on a new random port has been seen to drop the very first connection made to it (a fresh-clone run's
     * one failure), and a test must not fail for that.
     */
    private static String openApiOf(String service) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(service + "/q/openapi?format=json")).timeout(Duration.ofSeconds(30)).GET().build();
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= OPENAPI_READ_ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(service + "/q/openapi answered " + answer.statusCode() + ": the response contract needs it");
                }
                return answer.body();
            } catch (IOException e) {
                lastFailure = e;
                if (attempt < OPENAPI_READ_ATTEMPTS) {
                    pauseBeforeAttempt(attempt + 1, service);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted reading " + service + "/q/openapi", e);
            }
        }
        throw new IllegalStateException("could not read " + service + "/q/openapi for the response contract in " + OPENAPI_READ_ATTEMPTS
                + " attempts; the last failed with " + lastFailure, lastFailure);
    }

    private static void pauseBeforeAttempt(int attempt, String service) {
        try {
            Thread.sleep(250L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + service + "/q/openapi", e);
        }
    }

    /** Adds the contract to RestAssured's global filters before each test of a module that lists this callback. */
    public static final class Callback implements QuarkusTestBeforeEachCallback {

        @Override
        public void beforeEach(QuarkusTestMethodContext context) {
            if (RestAssured.filters().stream().noneMatch(OpenApiResponseContract.class::isInstance)) {
                RestAssured.filters(new OpenApiResponseContract());
            }
        }
    }
}
