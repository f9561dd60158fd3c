package id.atensi.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ATENSI realm of a local Keycloak: imported from the repository's definition, plus what only a local
 * installation has: a client that exchanges passwords for tokens (for curl) and one demo user per role. Its secrets
 * are made on first use and kept in the installation's data directory.
 */
public final class LocalRealm {

    /** The local-only public client with the password grant; the realm in the repository has none. */
    public static final String PASSWORD_CLIENT = "atensi-local-cli";
    public static final List<String> ROLES = List.of("admin", "officer", "partner", "auditor", "viewer");
    // Long enough for a session of curl commands; the realm's own clients keep its 5 minutes.
    private static final Duration LOCAL_TOKEN_LIFESPAN = Duration.ofHours(1);

    private final KeycloakAdmin admin;
    private final Path directory;

    private LocalRealm(KeycloakAdmin admin, Path directory) {
        this.admin = admin;
        this.directory = directory;
    }

    /**
     * Imports the realm if Keycloak does not have it yet and makes the local client.
     *
     * @param directory         where this installation's Keycloak secrets are kept (the Keycloak instance's directory)
     * @param consoleRedirectUri the redirect URI the web front-ends and Swagger UI may return to, e.g. {@code http://127.0.0.1:8080/*}
     */
    public static LocalRealm setUp(KeycloakAdmin admin, Path directory, String consoleRedirectUri) {
        LocalRealm realm = new LocalRealm(admin, directory);
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("ATENSI_CONSOLE_REDIRECT_URI", consoleRedirectUri);
        placeholders.put("ATENSI_MOBILE_REDIRECT_URI", "id.atensi.mobile:/oauth2redirect");
        placeholders.put("ATENSI_KEYCLOAK_PARTNER_SERVICE_SECRET", realm.partnerServiceSecret());
        admin.ensureRealm(KeycloakAdmin.realmDefinition(placeholders));
        admin.ensurePasswordClient(PASSWORD_CLIENT, LOCAL_TOKEN_LIFESPAN);
        return realm;
    }

    /** Attaches to a realm set up before (by {@link #setUp}), for getting tokens. */
    public static LocalRealm attach(KeycloakAdmin admin, Path directory) {
        return new LocalRealm(admin, directory);
    }

    /** The secret of partner-service's own Keycloak client, which manages partners' API clients. */
    public String partnerServiceSecret() {
        return Secrets.kept(directory.resolve("partner-service-secret"));
    }

    /** The password of every demo user of this installation. */
    public String demoPassword() {
        return Secrets.kept(directory.resolve("demo-user-password"));
    }

    /** One user per role, named after it; the officer works in {@code unitId}, the partner acts for {@code partnerId}. */
    public void ensureDemoUsers(String unitId, String partnerId) {
        for (String role : ROLES) {
            admin.ensureUser(demoUser(role, unitId, partnerId), demoPassword(), role, scope(role, unitId, partnerId));
        }
    }

    /** A fresh access token per role, for the demo users of this unit and partner (made when missing). */
    public Map<String, String> tokens(String unitId, String partnerId) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : ROLES) {
            tokens.put(role, token(role, unitId, partnerId));
        }
        return tokens;
    }

    /** A fresh access token for one role's demo user of this unit or partner (made when missing). */
    public String token(String role, String unitId, String partnerId) {
        String user = demoUser(role, unitId, partnerId);
        admin.ensureUser(user, demoPassword(), role, scope(role, unitId, partnerId));
        return admin.passwordToken(PASSWORD_CLIENT, user, demoPassword());
    }

    /** The demo user of a role: plain for the installation's own unit and partner, suffixed by the id for another. */
    static String demoUser(String role, String unitId, String partnerId) {
        return switch (role) {
            case "officer" -> unitId.equals(Tokens.LOCAL_UNIT_ID) ? role : role + "-" + unitId;
            case "partner" -> partnerId.equals(Tokens.LOCAL_PARTNER_ID) ? role : role + "-" + partnerId;
            default -> role;
        };
    }

    private static Map<String, String> scope(String role, String unitId, String partnerId) {
        return switch (role) {
            case "officer" -> Map.of("unit_id", unitId);
            case "partner" -> Map.of("partner_id", partnerId);
            default -> Map.of();
        };
    }
}
