package id.atensi.gateway.support;

import id.atensi.gateway.security.CorsTest;
import id.atensi.local.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Points the gateway at two fake services (beneficiary, partner) and at two addresses where nothing
 * listens (training, aid, webhook), with a two-second upstream timeout and the test key: short enough for the fake's
 * 3 s answer to time out, long enough that a loaded machine's pause does not turn an ordinary answer into a 504.
 */
public class FakeServicesResource implements QuarkusTestResourceLifecycleManager {

    /** Beneficiary's document: two API paths, one path outside /api, schemas shared with partner. */
    static final String BENEFICIARY_OPENAPI = """
            {"openapi": "3.0.3",
             "info": {"title": "ATENSI beneficiary service", "version": "1.0"},
             "tags": [{"name": "Beneficiaries", "description": "People served"}, {"name": "Shared"}],
             "paths": {
               "/api/v1/beneficiaries": {"get": {"tags": ["Beneficiaries"], "summary": "List beneficiaries",
                   "responses": {"200": {"description": "A page"}, "401": {"$ref": "#/components/responses/Unauthenticated"}}}},
               "/api/v1/beneficiaries/{id}": {"get": {"tags": ["Beneficiaries"], "summary": "One beneficiary",
                   "responses": {"200": {"description": "The beneficiary"}}}},
               "/q/health": {"get": {"responses": {"200": {"description": "Health"}}}}
             },
             "components": {
               "schemas": {
                 "Beneficiary": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}},
                 "Problem": {"type": "object", "properties": {"code": {"type": "string"}}},
                 "Amount": {"type": "integer", "format": "int64"}
               },
               "responses": {"Unauthenticated": {"description": "No valid token"}},
               "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
             }}
            """;

    /** Partner's document: an identical Problem, a conflicting Amount, another scheme name, a repeated tag. */
    static final String PARTNER_OPENAPI = """
            {"openapi": "3.0.3",
             "info": {"title": "ATENSI partner service", "version": "1.0"},
             "tags": [{"name": "Partners"}, {"name": "Shared"}],
             "paths": {
               "/api/v1/partners": {"get": {"tags": ["Partners"], "summary": "List partners",
                   "responses": {"200": {"description": "A page"}}}}
             },
             "components": {
               "schemas": {
                 "Partner": {"type": "object", "properties": {"name": {"type": "string"}}},
                 "Problem": {"type": "object", "properties": {"code": {"type": "string"}}},
                 "Amount": {"type": "string"}
               },
               "securitySchemes": {"jwt": {"type": "http", "scheme": "bearer"}}
             }}
            """;

    private FakeService beneficiary;
    private FakeService partner;

    @Override
    public Map<String, String> start() {
        beneficiary = FakeService.start("beneficiary", BENEFICIARY_OPENAPI);
        partner = FakeService.start("partner", PARTNER_OPENAPI);
        return Map.ofEntries(
                Map.entry("atensi.gateway.services.beneficiary.url", beneficiary.url()),
                Map.entry("atensi.gateway.services.partner.url", partner.url()),
                Map.entry("atensi.gateway.services.training.url", "http://127.0.0.1:" + unusedPort()),
                Map.entry("atensi.gateway.services.aid.url", "http://127.0.0.1:" + unusedPort()),
                Map.entry("atensi.gateway.services.webhook.url", "http://127.0.0.1:" + unusedPort()),
                Map.entry("atensi.gateway.upstream.timeout", "2s"),
                // The partner service may take longer: its /slow answer (3 s) comes through.
                Map.entry("atensi.gateway.services.partner.timeout", "6s"),
                // Small limits for two roles, which the tests use with subjects of their own; the others and
                // anonymous callers (all tests share 127.0.0.1) get room enough for the whole suite.
                Map.entry("atensi.gateway.rate-limits.auditor.capacity", "3"),
                Map.entry("atensi.gateway.rate-limits.auditor.refill-period", "4s"),
                Map.entry("atensi.gateway.rate-limits.partner.capacity", "3"),
                Map.entry("atensi.gateway.rate-limits.partner.refill-period", "4s"),
                Map.entry("atensi.gateway.rate-limits.anonymous.capacity", "100000"),
                Map.entry("quarkus.http.cors.origins", CorsTest.ALLOWED_ORIGIN),
                Map.entry("mp.jwt.verify.publickey.location", TestKeys.keys().publicKeyFile().toUri().toString()),
                Map.entry("mp.jwt.verify.issuer", Tokens.ISSUER));
    }

    @Override
    public void stop() {
        if (beneficiary != null) {
            beneficiary.close();
        }
        if (partner != null) {
            partner.close();
        }
    }

    /** A port that was free a moment ago; connecting to it is refused, as to a service that is down. */
    static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
