package id.atensi.testing;

import id.atensi.local.Tokens;

import java.time.Duration;
import java.util.Set;

/** Bearer tokens for tests, signed with the key whose public half the services under test trust. */
public final class TestTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(30);

    /** The service unit {@link #officer()} works in. */
    public static final String UNIT_A = "0a000000-0000-4000-8000-00000000000a";
    /** Another service unit, whose objects an officer of {@link #UNIT_A} must not reach. */
    public static final String UNIT_B = "0b000000-0000-4000-8000-00000000000b";

    private TestTokens() {
    }

    public static String admin() {
        return scoped("test-admin", Tokens.Scope.none(), "admin");
    }

    /** An officer of {@link #UNIT_A}. */
    public static String officer() {
        return officer(UNIT_A);
    }

    public static String officer(String unitId) {
        return scoped("test-officer-" + unitId, Tokens.Scope.unit(unitId), "officer");
    }

    public static String auditor() {
        return scoped("test-auditor", Tokens.Scope.none(), "auditor");
    }

    public static String viewer() {
        return scoped("test-viewer", Tokens.Scope.none(), "viewer");
    }

    public static String partner(String partnerId) {
        return scoped("test-partner-" + partnerId, Tokens.Scope.partner(partnerId), "partner");
    }

    public static String forRoles(String subject, String partnerId, String... roles) {
        return scoped(subject, Tokens.Scope.partner(partnerId), roles);
    }

    /** A token with any scope, e.g. {@code Tokens.Scope.unit(id).withAudience("elsewhere")} for an audience the platform refuses. */
    public static String scoped(String subject, Tokens.Scope scope, String... roles) {
        return new Tokens(TestInfrastructure.get().signingKeys()).mint(subject, Set.of(roles), scope, LIFETIME);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
