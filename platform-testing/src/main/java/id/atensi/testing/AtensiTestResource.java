package id.atensi.testing;

import id.atensi.local.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} its real database (named by the {@code database} argument), the Kafka
 * broker, and the key that verifies {@link TestTokens}:
 * {@code @WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))}.
 */
public class AtensiTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "atensi";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", infrastructure.jdbcUrl(database));
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
