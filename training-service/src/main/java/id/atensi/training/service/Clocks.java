package id.atensi.training.service;

import id.atensi.commons.time.ServiceClocks;
import id.atensi.training.config.TrainingConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The service's sense of "now" and of the day: a calendar day (a certificate's year) is a day in the programme's time
 * zone, Asia/Jakarta by default. A bean rather than {@code now()} so that tests can move time to a year's last evening.
 * {@code @PastOrPresent} (the day an outcome was observed) asks it too, through platform-commons' {@code ClockBeanProvider}.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(TrainingConfig config) {
        return ServiceClocks.system(config.timeZone());
    }

    /** The moment, written in UTC as the service's timestamps always were: the zone decides days, not how an instant is written. */
    static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
