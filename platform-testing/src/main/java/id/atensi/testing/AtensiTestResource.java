package id.atensi.testing;

import id.atensi.local.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} its real database (named by the {@code database} argument), the Kafka
 * broker, and the key that verifies {@link TestTokens}:
 * {@code @WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))}.
 * With {@code @ResourceArg(name = "database-outage", value = "true")} the datasource goes through a {@link DatabaseOutage}
 * forwarder that the test can cut and restore.
 */
public class AtensiTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "atensi";
    private boolean outage;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        outage = Boolean.parseBoolean(initArgs.getOrDefault("database-outage", "false"));
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Map<String, String> config = new HashMap<>();
        String jdbcUrl = infrastructure.jdbcUrl(database);
        config.put("quarkus.datasource.jdbc.url", outage ? DatabaseOutage.route(database, jdbcUrl) : jdbcUrl);
        config.put("quarkus.datasource.username", infrastructure.dbUser());
        config.put("quarkus.datasource.password", infrastructure.dbPassword());
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        config.put("mp.jwt.verify.publickey.location", infrastructure.signingKeys().publicKeyFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", Tokens.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // The infrastructure outlives one application start: it stops with the test JVM.
    }
}
