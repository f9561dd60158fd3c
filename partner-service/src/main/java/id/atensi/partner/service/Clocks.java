package id.atensi.partner.service;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The service's sense of "today": agreements start and end on calendar dates in the ministry's time zone.
 * A bean rather than {@code LocalDate.now()} so that tests can move time to exercise expiry.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(@ConfigProperty(name = "atensi.partner.time-zone", defaultValue = "Asia/Jakarta") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
