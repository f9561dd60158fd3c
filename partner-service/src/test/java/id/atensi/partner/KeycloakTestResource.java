package id.atensi.partner;

import id.atensi.testing.RefusedPorts;
import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TestKeycloak;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.util.Map;

/**
 * The test run's real Keycloak, for the API clients partner-service makes there. Every test class of the module names
 * this resource beside {@code AtensiTestResource}, so that Quarkus starts once for all of them; with the argument
 * {@code keycloak=unreachable} the URL names a port nobody listens on (a separate start, for the 503 tests).
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    /** API-client tokens live this long in tests: short enough to show the bound a disabled client's tokens keep. */
    public static final int TOKEN_LIFESPAN_SECONDS = 5;

    private boolean reachable = true;

    @Override
    public void init(Map<String, String> initArgs) {
        reachable = !"unreachable".equals(initArgs.get("keycloak"));
    }

    @Override
    public Map<String, String> start() {
        TestKeycloak keycloak = TestInfrastructure.keycloak();
        return Map.of(
                "atensi.partner.keycloak.url", reachable ? keycloak.url() : "http://127.0.0.1:" + RefusedPorts.next(),
                "atensi.partner.keycloak.client-secret", keycloak.partnerServiceSecret(),
                "atensi.partner.keycloak.api-client-token-lifespan", "PT" + TOKEN_LIFESPAN_SECONDS + "S",
                "atensi.partner.keycloak.timeout", "PT2S");
    }

    @Override
    public void stop() {
        // Keycloak outlives one application start: it stops with the test JVM.
    }
}
