package id.atensi.local.launcher;

import java.util.Map;

/**
 * What the applications run against: PostgreSQL, Kafka and Keycloak. {@code ./atensi}'s own infrastructure process
 * (or an external database and Kafka), or the test harness' servers in the system tests.
 */
public interface Backing {

    /** The JDBC URL of one application's database. */
    String jdbcUrl(String database);

    String databaseUser();

    String databasePassword();

    String kafkaServers();

    /** Keycloak's base URL; the realm is {@code atensi}. */
    String keycloakUrl();

    default String issuer() {
        return keycloakUrl() + "/realms/atensi";
    }

    default String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** The secret of partner-service's own Keycloak client, which manages partners' API clients. */
    String partnerServiceSecret();

    /** beneficiary-service's NIK/KK encryption and hash keys, as its environment variables. */
    Map<String, String> personalDataKeys();
}
