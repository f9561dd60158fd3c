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
 * listens (training, aid), with a one-second upstream timeout and the test key.
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
        return Map.of(
                "atensi.gateway.services.beneficiary.url", beneficiary.url(),
                "atensi.gateway.services.partner.url", partner.url(),
                "atensi.gateway.services.training.url", "http://127.0.0.1:" + unusedPort(),
                "atensi.gateway.services.aid.url", "http://127.0.0.1:" + unusedPort(),
                "atensi.gateway.upstream.timeout", "1s",
                "quarkus.http.cors.origins", CorsTest.ALLOWED_ORIGIN,
                "mp.jwt.verify.publickey.location", TestKeys.keys().publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", Tokens.ISSUER);
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
    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
