package id.atensi.testing;

import id.atensi.local.Tokens;

import java.time.Duration;
import java.util.Set;

/** Bearer tokens for tests, signed with the key whose public half the services under test trust. */
public final class TestTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private TestTokens() {
    }

    public static String admin() {
        return forRoles("test-admin", null, "admin");
    }

    public static String officer() {
        return forRoles("test-officer", null, "officer");
    }

    public static String auditor() {
        return forRoles("test-auditor", null, "auditor");
    }

    public static String viewer() {
        return forRoles("test-viewer", null, "viewer");
    }

    public static String partner(String partnerId) {
        return forRoles("test-partner-" + partnerId, partnerId, "partner");
    }

    public static String forRoles(String subject, String partnerId, String... roles) {
        return new Tokens(TestInfrastructure.get().signingKeys()).mint(subject, Set.of(roles), partnerId, LIFETIME);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
