package id.atensi.beneficiary.registry.service;

import id.atensi.beneficiary.registry.config.RegistryConfig;
import id.atensi.outbound.AddressPolicy;
import id.atensi.outbound.HostResolver;
import id.atensi.outbound.OutboundHttp;
import id.atensi.outbound.OutboundSettings;
import io.quarkus.arc.DefaultBean;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/** Callbacks to callers' {@code sender_uri}s under the platform's outbound rules, from {@code atensi.beneficiary.registry.callback.*}. */
public class RegistryOutbound {

    @Produces
    @Singleton
    @DefaultBean
    HostResolver resolver() {
        return HostResolver.SYSTEM;
    }

    @Produces
    @Singleton
    OutboundHttp http(Vertx vertx, RegistryConfig config, HostResolver resolver) {
        RegistryConfig.Callback callback = config.callback();
        OutboundSettings settings = new OutboundSettings(AddressPolicy.allowing(callback.allowedNetworks().orElse(List.of())),
                callback.allowPlainHttp(), callback.timeout(), callback.maxResponseBytes(), callback.maxConcurrentPerTarget());
        return new OutboundHttp(vertx, settings, resolver);
    }

    void close(@Disposes OutboundHttp http) {
        http.close();
    }
}
