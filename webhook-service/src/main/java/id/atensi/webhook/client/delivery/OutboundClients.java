package id.atensi.webhook.client.delivery;

import id.atensi.outbound.AddressPolicy;
import id.atensi.outbound.HostResolver;
import id.atensi.outbound.OutboundHttp;
import id.atensi.outbound.OutboundSettings;
import id.atensi.outbound.Targets;
import id.atensi.webhook.config.WebhookConfig;
import io.quarkus.arc.DefaultBean;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/** The outbound HTTP client under the platform's rules, configured from {@code atensi.webhook.outbound.*}. */
public class OutboundClients {

    @Produces
    @Singleton
    @DefaultBean
    HostResolver resolver() {
        return HostResolver.SYSTEM;
    }

    @Produces
    @Singleton
    OutboundSettings settings(WebhookConfig config) {
        WebhookConfig.Outbound outbound = config.outbound();
        return new OutboundSettings(AddressPolicy.allowing(outbound.allowedNetworks().orElse(List.of())), outbound.allowPlainHttp(),
                outbound.timeout(), outbound.maxResponseBytes(), outbound.maxConcurrentPerEndpoint());
    }

    @Produces
    @Singleton
    OutboundHttp http(Vertx vertx, OutboundSettings settings, HostResolver resolver, WebhookConfig config) {
        return new OutboundHttp(vertx, settings, HostResolver.caching(resolver, config.outbound().dnsCache()));
    }

    void close(@Disposes OutboundHttp http) {
        http.close();
    }

    @Produces
    @Singleton
    Targets targets(OutboundHttp http) {
        return http.targets();
    }
}
