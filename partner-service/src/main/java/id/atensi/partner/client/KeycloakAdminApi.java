package id.atensi.partner.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * The part of Keycloak's admin REST API ({@code /admin/realms/{realm}}) that partner-service uses, with the
 * representations trimmed to the members it sends or reads. Every call carries partner-service's own bearer token ({@link KeycloakClients}).
 */
@Path("/admin/realms/{realm}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface KeycloakAdminApi {

    @POST
    @Path("/clients")
    void createClient(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, ClientRepresentation client);

    @GET
    @Path("/clients")
    List<ClientRepresentation> findClients(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @QueryParam("clientId") String clientId);

    @PUT
    @Path("/clients/{uuid}")
    void updateClient(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @PathParam("uuid") String uuid, ClientRepresentation client);

    @DELETE
    @Path("/clients/{uuid}")
    void deleteClient(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @PathParam("uuid") String uuid);

    @GET
    @Path("/clients/{uuid}/service-account-user")
    UserRepresentation serviceAccountUser(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @PathParam("uuid") String uuid);

    @GET
    @Path("/clients/{uuid}/client-secret")
    CredentialRepresentation clientSecret(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @PathParam("uuid") String uuid);

    /** Replaces the secret: from this answer on, Keycloak accepts only the new one. */
    @POST
    @Path("/clients/{uuid}/client-secret")
    CredentialRepresentation regenerateClientSecret(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @PathParam("uuid") String uuid);

    @GET
    @Path("/roles/{role}")
    RoleRepresentation realmRole(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @PathParam("role") String role);

    @POST
    @Path("/users/{id}/role-mappings/realm")
    void addRealmRoles(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("realm") String realm, @PathParam("id") String userId, List<RoleRepresentation> roles);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClientRepresentation(String id, String clientId, String name, String description, Boolean enabled, Boolean publicClient,
                                String clientAuthenticatorType, Boolean standardFlowEnabled, Boolean implicitFlowEnabled,
                                Boolean directAccessGrantsEnabled, Boolean serviceAccountsEnabled, String protocol,
                                Map<String, String> attributes, List<String> defaultClientScopes, List<String> optionalClientScopes,
                                List<ProtocolMapperRepresentation> protocolMappers) {

        static ClientRepresentation enabled(boolean enabled) {
            return new ClientRepresentation(null, null, null, null, enabled, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProtocolMapperRepresentation(String name, String protocol, String protocolMapper, Map<String, String> config) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserRepresentation(String id, String username) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RoleRepresentation(String id, String name, String description, Boolean composite, Boolean clientRole, String containerId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CredentialRepresentation(String type, String value) {
    }
}
