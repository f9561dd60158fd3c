package id.atensi.identity;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code atensi_identity_provider_reachable}: 1 while the readiness check finds the identity provider's keys, 0 while
 * it does not, for the alert that readiness cannot give (it stays UP on purpose). Each scrape starts a probe (the check
 * reuses one for 5 s) and reports the last finished one, so the value is one scrape old and never blocks the scrape;
 * before the first probe has finished it is NaN, which no alert compares true. Not registered where the keys are read
 * from a file: there is nothing to reach.
 */
@ApplicationScoped
public class IdentityProviderMetrics {

    private final IdentityProviderHealthCheck check;
    private final MeterRegistry registry;
    private final String keyLocation;
    private final AtomicReference<Double> last = new AtomicReference<>(Double.NaN);

    IdentityProviderMetrics(@Readiness IdentityProviderHealthCheck check, MeterRegistry registry,
                            @ConfigProperty(name = "mp.jwt.verify.publickey.location") String keyLocation) {
        this.check = check;
        this.registry = registry;
        this.keyLocation = keyLocation;
    }

    void register(@Observes StartupEvent startup) {
        if (keyLocation.startsWith("http://") || keyLocation.startsWith("https://")) {
            Gauge.builder("atensi.identity.provider.reachable", this, IdentityProviderMetrics::sample)
                    .description("1 if the identity provider's keys (JWKS) could be fetched at the last probe, 0 if not")
                    .register(registry);
        }
    }

    private double sample() {
        check.call().subscribe().with(
                response -> last.set(response.getData().map(data -> "reachable".equals(data.get(IdentityProviderHealthCheck.STATE)))
                        .orElse(false) ? 1.0 : 0.0),
                failure -> last.set(0.0));
        return last.get();
    }
}
