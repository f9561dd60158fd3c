package id.atensi.gateway.support;

import id.atensi.local.Tokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * For the circuit-breaker test: the beneficiary service's URL points at a port the test itself starts, stops
 * and restarts a fake service on (the test owns it, so no state crosses class loaders). The circuit opens
 * after 2 failures for 1 s; anonymous callers get 3 requests per 2 s.
 */
public class ResilienceResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.ofEntries(
                Map.entry("atensi.gateway.services.beneficiary.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.partner.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.training.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.aid.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.services.webhook.url", "http://127.0.0.1:" + FakeServicesResource.unusedPort()),
                Map.entry("atensi.gateway.upstream.timeout", "1s"),
                Map.entry("atensi.gateway.circuit-breaker.failure-threshold", "2"),
                Map.entry("atensi.gateway.circuit-breaker.open-duration", "1s"),
                Map.entry("atensi.gateway.rate-limits.anonymous.capacity", "3"),
                Map.entry("atensi.gateway.rate-limits.anonymous.refill-period", "2s"),
                Map.entry("mp.jwt.verify.publickey.location", TestKeys.keys().publicKeyFile().toUri().toString()),
                Map.entry("mp.jwt.verify.issuer", Tokens.ISSUER));
    }

    @Override
    public void stop() {
    }
}
