package id.atensi.aid.service;

import id.atensi.aid.config.AidConfig;
import id.atensi.commons.time.ServiceClocks;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The service's sense of "today": a programme's period is calendar dates in the ministry's time zone. A bean rather
 * than {@code LocalDate.now()} so that tests can move time past a programme's end.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(AidConfig config) {
        return ServiceClocks.system(config.timeZone());
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock);
    }
}
