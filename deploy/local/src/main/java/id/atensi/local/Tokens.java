package id.atensi.local;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Duration;
import java.util.Set;

/** Mints RS256 bearer tokens for the platform's roles, signed with the local key. */
public final class Tokens {

    public static final String ISSUER = "https://atensi.local/issuer";
    /** The audience every ATENSI service and the gateway require ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "atensi";
    public static final String PARTNER_ID_CLAIM = "partner_id";
    public static final String UNIT_ID_CLAIM = "unit_id";

    /** The partner organisation the local partner token acts for. */
    public static final String LOCAL_PARTNER_ID = "00000000-0000-4000-8000-000000000001";
    /** The service unit the local officer token works in, unless another is asked for. */
    public static final String LOCAL_UNIT_ID = "00000000-0000-4000-8000-0000000000a1";

    private final SigningKeys keys;

    public Tokens(SigningKeys keys) {
        this.keys = keys;
    }

    /** What a token says about its holder beyond the subject and roles. */
    public record Scope(String partnerId, String unitId, String audience) {

        public static Scope none() {
            return new Scope(null, null, AUDIENCE);
        }

        public static Scope partner(String partnerId) {
            return new Scope(partnerId, null, AUDIENCE);
        }

        public static Scope unit(String unitId) {
            return new Scope(null, unitId, AUDIENCE);
        }

        public Scope withAudience(String otherAudience) {
            return new Scope(partnerId, unitId, otherAudience);
        }
    }

    public String mint(String subject, Set<String> roles, Scope scope, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .audience(scope.audience())
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .expiresIn(lifetime);
        if (scope.partnerId() != null) {
            claims.claim(PARTNER_ID_CLAIM, scope.partnerId());
        }
        if (scope.unitId() != null) {
            claims.claim(UNIT_ID_CLAIM, scope.unitId());
        }
        return claims.jws().keyId("atensi-local").sign(keys.privateKey());
    }

    /** A token for one role: the partner token acts for {@code partnerId}, the officer token works in {@code unitId}. */
    public String forRole(String role, String partnerId, String unitId, Duration lifetime) {
        Scope scope = switch (role) {
            case "partner" -> Scope.partner(partnerId);
            case "officer" -> Scope.unit(unitId);
            default -> Scope.none();
        };
        return mint("local-" + role, Set.of(role), scope, lifetime);
    }

    public String forRole(String role, Duration lifetime) {
        return forRole(role, LOCAL_PARTNER_ID, LOCAL_UNIT_ID, lifetime);
    }
}
