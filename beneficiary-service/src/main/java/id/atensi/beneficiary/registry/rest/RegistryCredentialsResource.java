package id.atensi.beneficiary.registry.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.service.MessageSignatures;
import id.atensi.beneficiary.registry.service.TokenForwarding;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/** The standard's token path and key set, open to callers without a token (they come to get one, or to check signatures). */
@Path("/")
@Tag(name = "Registry exchange (SPDCI)")
@PermitAll
public class RegistryCredentialsResource {

    private final TokenForwarding tokens;
    private final MessageSignatures signatures;

    RegistryCredentialsResource(TokenForwarding tokens, MessageSignatures signatures) {
        this.tokens = tokens;
        this.signatures = signatures;
    }

    @POST
    @Path("/oauth2/client/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take an access token by client credentials (SPDCI AUTHZ-TOKN)",
            description = "grant_type=client_credentials with the organisation's client_id and client_secret (in the form or as HTTP Basic), "
                    + "forwarded to the platform's identity provider. The token carries the role registry when the organisation's client holds it.")
    @APIResponse(responseCode = "200", description = "The access token", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciTokenResponse")))
    @APIResponse(responseCode = "400", description = "Not a client-credentials request", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciHttpError")))
    @APIResponse(responseCode = "401", description = "The client id and secret were not accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciHttpError")))
    @APIResponse(responseCode = "503", description = "The identity provider is not configured or did not answer", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciHttpError")))
    public Response token(String form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TokenForwarding.Answer answer = tokens.token(form, Optional.ofNullable(authorization));
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }

    @GET
    @Path("/.well-known/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The registry's public keys (SPDCI JWKS)", description = "The Ed25519 key answers are signed with (kty OKP, alg EdDSA); empty when answers are not signed.")
    @APIResponse(responseCode = "200", description = "The key set", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SpdciJwks")))
    public ObjectNode jwks() {
        ObjectNode keys = JsonNodeFactory.instance.objectNode();
        keys.set("keys", signatures.publicKeys());
        return keys;
    }
}
