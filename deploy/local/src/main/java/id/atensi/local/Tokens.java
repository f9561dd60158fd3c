package id.atensi.local;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Duration;
import java.util.Set;

/** Mints RS256 bearer tokens for the platform's roles, signed with the local key. */
public final class Tokens {

    public static final String ISSUER = "https://atensi.local/issuer";
    public static final String PARTNER_ID_CLAIM = "partner_id";

    private final SigningKeys keys;

    public Tokens(SigningKeys keys) {
        this.keys = keys;
    }

    public String mint(String subject, Set<String> roles, String partnerId, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .expiresIn(lifetime);
        if (partnerId != null) {
            claims.claim(PARTNER_ID_CLAIM, partnerId);
        }
        return claims.jws().keyId("atensi-local").sign(keys.privateKey());
    }

    public String forRole(String role, Duration lifetime) {
        String partnerId = "partner".equals(role) ? LOCAL_PARTNER_ID : null;
        return mint("local-" + role, Set.of(role), partnerId, lifetime);
    }

    /** The partner organisation the local partner token acts for. */
    public static final String LOCAL_PARTNER_ID = "00000000-0000-4000-8000-000000000001";
}
