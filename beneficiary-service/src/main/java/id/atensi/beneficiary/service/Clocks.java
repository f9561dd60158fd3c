package id.atensi.beneficiary.service;

import id.atensi.beneficiary.config.BeneficiaryConfig;
import id.atensi.commons.time.ServiceClocks;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The service's sense of "now" and of "today": decisions, assessments and births are calendar dates in the programme's
 * time zone ({@link BeneficiaryConfig#timeZone}), not UTC's or the JVM's. A bean rather than {@code LocalDate.now()} so
 * that tests can move time to the early hours of a Jakarta morning. {@code @PastOrPresent} asks it too, through
 * platform-commons' {@code ClockBeanProvider}.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(BeneficiaryConfig config) {
        return ServiceClocks.system(config.timeZone());
    }

    /**
     * The moment a change is recorded at, written in UTC as the service's timestamps are stored and published: the zone
     * decides days, not how an instant is written.
     */
    static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
