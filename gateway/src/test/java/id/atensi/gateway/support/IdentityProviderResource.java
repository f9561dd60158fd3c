package id.atensi.gateway.support;

import id.atensi.local.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The gateway's keys at a JWKS URL, as from Keycloak, on a port the test itself serves the test key on
 * ({@link JwksServer}) and stops serving it; every service at a port where nothing listens.
 */
public class IdentityProviderResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.ofEntries(
                Map.entry("atensi.gateway.services.beneficiary.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.partner.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.training.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.aid.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.webhook.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("mp.jwt.verify.publickey.location",
                        "http://127.0.0.1:" + FakeServicesResource.unusedPort() + JwksServer.PATH),
                Map.entry("mp.jwt.verify.issuer", Tokens.ISSUER));
    }

    @Override
    public void stop() {
    }
}
