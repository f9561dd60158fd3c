package id.atensi.partner.client;

import id.atensi.partner.client.KeycloakAdminApi.ClientRepresentation;
import id.atensi.partner.client.KeycloakAdminApi.ProtocolMapperRepresentation;
import id.atensi.partner.config.PartnerConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Partners' API clients in Keycloak: made, given a new secret, disabled, and removed again when the record of one
 * could not be stored. Calls the admin API as partner-service's own confidential client, whose client-credentials
 * token is kept until shortly before it expires. Every failure of Keycloak, or of the way to it, is a
 * {@link KeycloakUnavailable} (503): the caller never sees Keycloak's own answer or a stack trace.
 */
@ApplicationScoped
public class KeycloakClients {

    private static final Logger LOG = Logger.getLogger(KeycloakClients.class);
    /** The realm role whose holders act for one partner organisation, named by their {@code partner_id} claim. */
    private static final String PARTNER_ROLE = "partner";
    /** The realm's client scope that puts audience, roles ({@code groups}) and the scoping claims into every token. */
    private static final String ATENSI_SCOPE = "atensi";
    /** Renew the service's own token this long before it expires, so that no call carries one that lapses in flight. */
    private static final long TOKEN_MARGIN_SECONDS = 30;

    private final PartnerConfig.Keycloak config;
    private final KeycloakAdminApi admin;
    private final KeycloakTokenApi tokens;
    private String token;
    private long tokenRenewAt;

    KeycloakClients(PartnerConfig partnerConfig) {
        this.config = partnerConfig.keycloak();
        URI base = URI.create(config.url());
        long timeout = config.timeout().toMillis();
        this.tokens = QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(timeout, TimeUnit.MILLISECONDS).readTimeout(timeout, TimeUnit.MILLISECONDS)
                .build(KeycloakTokenApi.class);
        this.admin = QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(timeout, TimeUnit.MILLISECONDS).readTimeout(timeout, TimeUnit.MILLISECONDS)
                .build(KeycloakAdminApi.class);
    }

    /** A client made in Keycloak: its ids and its secret, which partner-service shows once and never stores. */
    public record MadeClient(String keycloakId, String clientId, String secret) {
    }

    /** Where a partner system takes its tokens by the client-credentials grant. */
    public String tokenUrl() {
        return config.publicUrl().orElse(config.url()).replaceAll("/+$", "") + "/realms/" + config.realm() + "/protocol/openid-connect/token";
    }

    /**
     * A confidential client that can only take tokens for its service account (client credentials), which holds the
     * role {@code partner} and the claim {@code partner_id}. Made whole or not at all: if a step fails (the creation
     * itself included, which may have happened before its answer was lost), the client is deleted again before the
     * failure is reported.
     */
    public MadeClient create(String clientId, String name, String description, UUID partnerId) {
        ClientRepresentation client = new ClientRepresentation(null, clientId, name, description, true, false, "client-secret",
                false, false, false, true, "openid-connect",
                Map.of("access.token.lifespan", String.valueOf(config.apiClientTokenLifespan().toSeconds())),
                List.of(ATENSI_SCOPE), List.of(),
                List.of(new ProtocolMapperRepresentation("partner_id", "openid-connect", "oidc-hardcoded-claim-mapper", Map.of(
                        "claim.name", "partner_id",
                        "claim.value", partnerId.toString(),
                        "jsonType.label", "String",
                        "access.token.claim", "true",
                        "id.token.claim", "false",
                        "userinfo.token.claim", "false",
                        "introspection.token.claim", "true"))));
        String keycloakId = null;
        try {
            call("create client " + clientId, bearer -> {
                admin.createClient(bearer, config.realm(), client);
                return null;
            });
            keycloakId = call("find client " + clientId, bearer -> admin.findClients(bearer, config.realm(), clientId)).stream()
                    .filter(found -> clientId.equals(found.clientId())).findFirst().map(ClientRepresentation::id)
                    .orElseThrow(() -> new KeycloakUnavailable("Keycloak made client " + clientId + " but does not find it", null));
            String uuid = keycloakId;
            String serviceAccount = call("read the service account of " + clientId, bearer -> admin.serviceAccountUser(bearer, config.realm(), uuid)).id();
            var role = call("read role " + PARTNER_ROLE, bearer -> admin.realmRole(bearer, config.realm(), PARTNER_ROLE));
            call("give " + clientId + " the role " + PARTNER_ROLE, bearer -> {
                admin.addRealmRoles(bearer, config.realm(), serviceAccount, List.of(role));
                return null;
            });
            String secret = call("read the secret of " + clientId, bearer -> admin.clientSecret(bearer, config.realm(), uuid)).value();
            return new MadeClient(uuid, clientId, secret);
        } catch (KeycloakUnavailable e) {
            deleteAfterFailure(keycloakId, clientId);
            throw e;
        }
    }

    /** A new secret; Keycloak refuses the old one from this moment (no grace period). */
    public String rotateSecret(String keycloakId) {
        return call("give client " + keycloakId + " a new secret", bearer -> admin.regenerateClientSecret(bearer, config.realm(), keycloakId)).value();
    }

    /**
     * Keycloak issues the client no new token. Tokens it issued already stay valid until they expire (at most
     * {@code api-client-token-lifespan}): services verify tokens locally and do not ask Keycloak per request. A client
     * that is gone from Keycloak issues no token either, so that counts as disabled.
     */
    public void disable(String keycloakId) {
        call("disable client " + keycloakId, bearer -> {
            try {
                admin.updateClient(bearer, config.realm(), keycloakId, ClientRepresentation.enabled(false));
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() != 404) {
                    throw e;
                }
                LOG.warnf("Keycloak client %s was deleted outside partner-service; it is recorded as disabled", keycloakId);
            }
            return null;
        });
    }

    /**
     * Removes a client whose record could not be stored. A failure is logged, not thrown: the caller is already
     * reporting the first one, and the client left behind is harmless, its secret having been shown to nobody.
     */
    public void deleteAfterFailure(String keycloakId, String clientId) {
        try {
            String bearer = bearer();
            String uuid = keycloakId != null ? keycloakId : admin.findClients(bearer, config.realm(), clientId).stream()
                    .filter(found -> clientId.equals(found.clientId())).findFirst().map(ClientRepresentation::id).orElse(null);
            if (uuid != null) {
                admin.deleteClient(bearer, config.realm(), uuid);
                LOG.infof("deleted Keycloak client %s, whose API client record was not stored", clientId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Keycloak client %s was made but its record was not stored, and deleting it failed (%s); it holds a secret nobody was shown. "
                    + "Delete it in Keycloak's admin console", clientId, e.toString());
        }
    }

    private synchronized String bearer() {
        if (token == null || System.currentTimeMillis() >= tokenRenewAt) {
            String secret = config.clientSecret().orElseThrow(() -> new KeycloakUnavailable(
                    "partner-service has no Keycloak client secret configured (atensi.partner.keycloak.client-secret)", null));
            KeycloakTokenApi.TokenResponse answer = tokens.clientCredentials(config.realm(), "client_credentials", config.clientId(), secret);
            token = answer.accessToken();
            tokenRenewAt = System.currentTimeMillis() + Math.max(answer.expiresIn() - TOKEN_MARGIN_SECONDS, answer.expiresIn() / 2) * 1000;
        }
        return "Bearer " + token;
    }

    private synchronized void forgetToken() {
        token = null;
    }

    private <T> T call(String what, Function<String, T> call) {
        try {
            return call.apply(bearer());
        } catch (KeycloakUnavailable e) {
            throw e;
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401) {
                // Keycloak forgot the token (a restart with a new session, a revocation): the next call takes a new one.
                forgetToken();
            }
            LOG.warnf("Keycloak refused to %s: HTTP %d", what, status);
            throw new KeycloakUnavailable("the identity provider refused to " + what + " (HTTP " + status + "); try again later", e);
        } catch (ProcessingException e) {
            LOG.warnf("Keycloak did not answer when asked to %s: %s", what, e.getMessage());
            throw new KeycloakUnavailable("the identity provider (Keycloak) does not answer; try again later", e);
        }
    }
}
