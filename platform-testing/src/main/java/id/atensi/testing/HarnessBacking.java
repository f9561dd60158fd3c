package id.atensi.testing;

import id.atensi.local.Tokens;
import id.atensi.local.launcher.Backing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The test harness' PostgreSQL and Kafka as what the launcher's applications run against, so that the system tests
 * and the benchmarks start the packaged applications exactly as {@code ./atensi} does. Tokens are Keycloak's
 * ({@link #withKeycloak}) or the harness' own signing keys ({@link #withHarnessTokens}, minted with {@link Tokens}).
 */
public final class HarnessBacking implements Backing {

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final UnaryOperator<String> databaseName;
    private final TestKeycloak keycloak;

    private HarnessBacking(UnaryOperator<String> databaseName, TestKeycloak keycloak) {
        this.databaseName = databaseName;
        this.keycloak = keycloak;
    }

    /** @param databaseName the harness database each application's own database name maps to */
    public static HarnessBacking withKeycloak(UnaryOperator<String> databaseName) {
        return new HarnessBacking(databaseName, TestInfrastructure.keycloak());
    }

    /** Verifying the tokens {@code new Tokens(TestInfrastructure.get().signingKeys())} mints; no Keycloak is started. */
    public static HarnessBacking withHarnessTokens(UnaryOperator<String> databaseName) {
        return new HarnessBacking(databaseName, null);
    }

    @Override
    public String jdbcUrl(String database) {
        return infrastructure.jdbcUrl(databaseName.apply(database));
    }

    @Override
    public String databaseUser() {
        return infrastructure.dbUser();
    }

    @Override
    public String databasePassword() {
        return infrastructure.dbPassword();
    }

    @Override
    public String kafkaServers() {
        return infrastructure.kafkaBootstrapServers();
    }

    @Override
    public String keycloakUrl() {
        return requireKeycloak().url();
    }

    @Override
    public String issuer() {
        return keycloak == null ? Tokens.ISSUER : keycloak.issuer();
    }

    @Override
    public String jwksUrl() {
        return keycloak == null ? infrastructure.signingKeys().publicKeyFile().toString() : keycloak.jwksUrl();
    }

    @Override
    public String partnerServiceSecret() {
        return requireKeycloak().partnerServiceSecret();
    }

    /** Fresh keys each time: the harness' databases start empty, so nothing needs an older key. */
    @Override
    public Map<String, String> personalDataKeys() {
        SecureRandom random = new SecureRandom();
        byte[] encryptionKey = new byte[32];
        byte[] hashKey = new byte[32];
        random.nextBytes(encryptionKey);
        random.nextBytes(hashKey);
        return Map.of(
                "ATENSI_BENEFICIARY_PII_KEYS_SYSTEM1", Base64.getEncoder().encodeToString(encryptionKey),
                "ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID", "system1",
                "ATENSI_BENEFICIARY_PII_HASH_KEY", Base64.getEncoder().encodeToString(hashKey));
    }

    private TestKeycloak requireKeycloak() {
        if (keycloak == null) {
            throw new IllegalStateException("this backing verifies the harness' own tokens and has no Keycloak");
        }
        return keycloak;
    }
}
