package id.atensi.partner.rest;

import id.atensi.commons.idempotency.Creations;
import id.atensi.commons.paging.Page;
import id.atensi.commons.paging.PageRequest;
import id.atensi.commons.rest.ETags;
import id.atensi.commons.security.Roles;
import id.atensi.partner.client.KeycloakClients;
import id.atensi.partner.domain.ApiClient;
import id.atensi.partner.service.ApiClientQueries;
import id.atensi.partner.service.ApiClientService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/partners/{partnerId}/api-clients")
@Tag(name = "Partner API clients", description = "Credentials with which a partner's own system takes tokens from Keycloak (client credentials) and calls the platform as that partner")
@SecurityRequirement(name = "bearerAuth")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The role does not allow this")
public class ApiClientResource {

    /** Answers that carry a secret must not stay in any cache on the way (RFC 6749 §5.1 asks the same of token answers). */
    private static final CacheControl NO_STORE;

    static {
        NO_STORE = new CacheControl();
        NO_STORE.setNoStore(true);
    }

    private final ApiClientService apiClients;
    private final ApiClientQueries queries;
    private final KeycloakClients keycloak;
    private final Creations creations;

    ApiClientResource(ApiClientService apiClients, ApiClientQueries queries, KeycloakClients keycloak, Creations creations) {
        this.apiClients = apiClients;
        this.queries = queries;
        this.keycloak = keycloak;
        this.creations = creations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register an API client for a partner", description = "Makes a confidential client in Keycloak whose tokens (client-credentials grant) carry the role partner and the partner's partner_id: the partner system then sees exactly what the partner sees. The secret is in this answer only. A retry with the same Idempotency-Key by the same caller answers the same client without the secret. Publishes atensi.partner.api-client.registered.v1.")
    @APIResponse(responseCode = "201", description = "Registered; the secret is shown this once", content = @Content(schema = @Schema(implementation = ApiClientCredentialsResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such partner")
    @APIResponse(responseCode = "422", description = "The partner is inactive, or the Idempotency-Key was used for another request")
    @APIResponse(responseCode = "503", description = "Keycloak does not answer or refused; nothing was made. Retry-After says when to try again")
    public Response register(@PathParam("partnerId") UUID partnerId,
                             @HeaderParam("Idempotency-Key") @Parameter(description = "Makes the call safe to retry") String idempotencyKey,
                             @Valid @NotNull ApiClientRequest request, UriInfo uri) {
        ApiClientService.Credentials registered = apiClients.register(partnerId, request.toDetails(), idempotencyKey, creations.fingerprint(request));
        ApiClient client = registered.client();
        return Response.created(uri.getAbsolutePathBuilder().path(client.id.toString()).build())
                .tag(ETags.of(client.version))
                .cacheControl(NO_STORE)
                .header(Creations.REPLAYED_HEADER, registered.replayed() ? "true" : null)
                .entity(credentials(registered))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER})
    @Operation(summary = "List a partner's API clients", description = "Oldest first. A partner caller lists its own organisation's clients only.")
    @APIResponse(responseCode = "200", description = "One page of API clients")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    @APIResponse(responseCode = "404", description = "No such partner (or not the caller's own)")
    public Page<ApiClientSummary> list(@PathParam("partnerId") UUID partnerId, @Valid @BeanParam PageRequest page) {
        return queries.list(partnerId, page).map(ApiClientSummary::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER})
    @Operation(summary = "Read one of a partner's API clients", description = "Never the secret. A partner caller reads its own organisation's clients only.")
    @APIResponse(responseCode = "200", description = "The API client; ETag carries the version", content = @Content(schema = @Schema(implementation = ApiClientResponse.class)))
    @APIResponse(responseCode = "404", description = "No such partner or API client (or not the caller's own)")
    public Response get(@PathParam("partnerId") UUID partnerId, @PathParam("id") UUID id) {
        ApiClient client = queries.read(partnerId, id);
        return Response.ok(ApiClientResponse.of(client, keycloak.tokenUrl())).tag(ETags.of(client.version)).build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Give an API client a new secret", description = "Keycloak refuses the old secret from this answer on; tokens already issued live out their lifetime. The new secret is in this answer only. If-Match is optional, and enforced when sent. Publishes atensi.partner.api-client.secret-rotated.v1.")
    @APIResponse(responseCode = "200", description = "The new secret, shown this once", content = @Content(schema = @Schema(implementation = ApiClientCredentialsResponse.class)))
    @APIResponse(responseCode = "404", description = "No such partner or API client")
    @APIResponse(responseCode = "409", description = "The client is DISABLED: currentStatus, requestedStatus ACTIVE, allowedTransitions empty; or another new secret for this client is being made right now (read it again, then retry)")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    @APIResponse(responseCode = "503", description = "Keycloak does not answer or refused; the secret is unchanged. Retry-After says when to try again")
    public Response rotateSecret(@PathParam("partnerId") UUID partnerId, @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        ApiClientService.Credentials rotated = apiClients.rotateSecret(partnerId, id, ETags.optional(ifMatch));
        return Response.ok(credentials(rotated)).tag(ETags.of(rotated.client().version)).cacheControl(NO_STORE).build();
    }

    @POST
    @Path("/{id}/disable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Disable an API client", description = "Keycloak issues it no new token. Tokens issued before stay valid until they expire plus the verifiers' 60 s clock skew, at most atensi.partner.keycloak.api-client-token-lifespan + 60 s (6 minutes by default): services verify tokens against the realm's keys without asking Keycloak. A disabled client stays disabled; register a new one instead. If-Match is optional, and enforced when sent. Publishes atensi.partner.api-client.disabled.v1.")
    @APIResponse(responseCode = "200", description = "Disabled", content = @Content(schema = @Schema(implementation = ApiClientResponse.class)))
    @APIResponse(responseCode = "404", description = "No such partner or API client")
    @APIResponse(responseCode = "409", description = "Disabled already: currentStatus DISABLED, requestedStatus DISABLED, allowedTransitions empty")
    @APIResponse(responseCode = "412", description = "If-Match given and stale")
    @APIResponse(responseCode = "503", description = "Keycloak does not answer or refused; the client is unchanged. Retry-After says when to try again")
    public Response disable(@PathParam("partnerId") UUID partnerId, @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        ApiClient client = apiClients.disable(partnerId, id, ETags.optional(ifMatch));
        return Response.ok(ApiClientResponse.of(client, keycloak.tokenUrl())).tag(ETags.of(client.version)).build();
    }

    private ApiClientCredentialsResponse credentials(ApiClientService.Credentials credentials) {
        String tokenUrl = keycloak.tokenUrl();
        return new ApiClientCredentialsResponse(credentials.client().keycloakClientId, credentials.secret(), tokenUrl,
                ApiClientResponse.of(credentials.client(), tokenUrl));
    }
}
