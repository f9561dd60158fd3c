package id.atensi.gateway.support;

import id.atensi.local.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * For the upstream failure tests: beneficiary points at a port where nothing listens, partner at a
 * {@link RawUpstream} whose answers the tests choose by path. Exchanges that fail without a refusal must not
 * open partner's circuit in the middle of the tests (threshold 1000); a refused connection opens
 * beneficiary's at once, for 3 s. Services time out after 1 s.
 */
public class UpstreamFailuresResource implements QuarkusTestResourceLifecycleManager {

    public static final String OPEN_DURATION_SECONDS = "3";

    private RawUpstream partner;

    @Override
    public Map<String, String> start() {
        partner = RawUpstream.start();
        return Map.ofEntries(
                Map.entry("atensi.gateway.services.beneficiary.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.partner.url", partner.url()),
                Map.entry("atensi.gateway.services.training.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.aid.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.webhook.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.upstream.timeout", "1s"),
                Map.entry("atensi.gateway.circuit-breaker.failure-threshold", "1000"),
                Map.entry("atensi.gateway.circuit-breaker.open-duration", OPEN_DURATION_SECONDS + "s"),
                Map.entry("mp.jwt.verify.publickey.location", TestKeys.keys().publicKeyFile().toUri().toString()),
                Map.entry("mp.jwt.verify.issuer", Tokens.ISSUER));
    }

    @Override
    public void stop() {
        if (partner != null) {
            partner.close();
        }
    }
}
