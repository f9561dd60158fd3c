package id.atensi.partner.service;

import id.atensi.commons.time.ServiceClocks;
import id.atensi.partner.config.PartnerConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The service's sense of "today": agreements start and end on calendar dates in the ministry's time zone.
 * A bean rather than {@code LocalDate.now()} so that tests can move time to exercise expiry.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(PartnerConfig config) {
        return ServiceClocks.system(config.timeZone());
    }
}
