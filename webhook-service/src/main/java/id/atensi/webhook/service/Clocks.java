package id.atensi.webhook.service;

import id.atensi.commons.time.ServiceClocks;
import id.atensi.webhook.config.WebhookConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The service's clock: retries, the 5-day rule and the secret overlap are all counted by it, so that tests move
 * time instead of waiting days.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(WebhookConfig config) {
        return ServiceClocks.system(config.timeZone());
    }

    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
