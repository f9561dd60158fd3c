package id.atensi.gateway.support;

import id.atensi.local.SigningKeys;
import id.atensi.local.Tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Tokens for the gateway's tests, signed with a key pair kept under target/. The gateway has no database:
 * platform-testing's TestTokens would start PostgreSQL and Kafka just to reach its key.
 */
public final class TestKeys {

    private static final Path DIRECTORY = Path.of("target", "gateway-test-keys");
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private TestKeys() {
    }

    public static SigningKeys keys() {
        return SigningKeys.inDirectory(DIRECTORY);
    }

    public static String token(String... roles) {
        return new Tokens(keys()).mint("test-" + String.join("-", roles), Set.of(roles), Tokens.Scope.none(), LIFETIME);
    }

    public static String admin() {
        return token("admin");
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
