package id.atensi.testing;

import id.atensi.local.KeycloakAdmin;
import id.atensi.local.LocalKeycloak;
import id.atensi.local.LocalRealm;
import id.atensi.local.Tokens;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real Keycloak of a test run, with the ATENSI realm imported from the repository's definition: tokens as the
 * platform's users get them, and the admin API for what a test sets up. Started on first use by
 * {@link TestInfrastructure#keycloak()}, once per test JVM.
 */
public final class TestKeycloak {

    // Tokens of the local password client live an hour; a test run reuses one per user well inside that.
    private static final long TOKEN_REUSE_MILLIS = 40 * 60 * 1000L;

    private final String url;
    private final KeycloakAdmin admin;
    private final LocalRealm realm;
    private final LocalKeycloak process;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    private record CachedToken(String token, long fetchedAt) {
    }

    TestKeycloak(String url, KeycloakAdmin admin, LocalRealm realm, LocalKeycloak process) {
        this.url = url;
        this.admin = admin;
        this.realm = realm;
        this.process = process;
    }

    public String url() {
        return url;
    }

    public String issuer() {
        return url + "/realms/" + KeycloakAdmin.REALM;
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public KeycloakAdmin admin() {
        return admin;
    }

    /** The secret of partner-service's own client, which manages partners' API clients. */
    public String partnerServiceSecret() {
        return realm.partnerServiceSecret();
    }

    /** The Keycloak process, which tests can kill and restart; empty when this class loader attached to a running one. */
    public Optional<LocalKeycloak> killable() {
        return Optional.ofNullable(process);
    }

    public String adminToken() {
        return token("admin", Tokens.LOCAL_UNIT_ID, Tokens.LOCAL_PARTNER_ID);
    }

    public String officerToken(String unitId) {
        return token("officer", unitId, Tokens.LOCAL_PARTNER_ID);
    }

    public String partnerToken(String partnerId) {
        return token("partner", Tokens.LOCAL_UNIT_ID, partnerId);
    }

    public String auditorToken() {
        return token("auditor", Tokens.LOCAL_UNIT_ID, Tokens.LOCAL_PARTNER_ID);
    }

    public String viewerToken() {
        return token("viewer", Tokens.LOCAL_UNIT_ID, Tokens.LOCAL_PARTNER_ID);
    }

    /** A token of a user with one role, fetched from Keycloak by the password grant (the user is made when missing). */
    public String token(String role, String unitId, String partnerId) {
        String key = role + "|" + unitId + "|" + partnerId;
        CachedToken cached = tokens.get(key);
        if (cached != null && System.currentTimeMillis() - cached.fetchedAt() < TOKEN_REUSE_MILLIS) {
            return cached.token();
        }
        String fresh = realm.token(role, unitId, partnerId);
        tokens.put(key, new CachedToken(fresh, System.currentTimeMillis()));
        return fresh;
    }
}
