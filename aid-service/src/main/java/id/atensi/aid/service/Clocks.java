package id.atensi.aid.service;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The service's sense of "today": a programme's period is calendar dates in the ministry's time zone. A bean rather
 * than {@code LocalDate.now()} so that tests can move time past a programme's end.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(@ConfigProperty(name = "atensi.aid.time-zone", defaultValue = "Asia/Jakarta") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock);
    }
}
