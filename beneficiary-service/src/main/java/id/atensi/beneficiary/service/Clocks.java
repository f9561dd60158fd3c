package id.atensi.beneficiary.service;

import id.atensi.beneficiary.config.BeneficiaryConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The service's sense of "today": decisions, assessments and births are calendar dates in the programme's time zone
 * ({@link BeneficiaryConfig#timeZone}), not UTC's or the JVM's. A bean rather than {@code LocalDate.now()} so that tests
 * can move time to the early hours of a Jakarta morning.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(BeneficiaryConfig config) {
        return Clock.system(config.timeZone());
    }

    /**
     * Bean Validation's {@code @PastOrPresent} asks this for "now", which by default is the JVM's zone. Hibernate
     * Validator takes the clock once, when it builds its validators at start, before the configuration mapping that
     * names the zone exists in a packaged application: so the clock it gets defers every question to the clock bean.
     */
    @Produces
    @Singleton
    ClockProvider validationClock(Instance<Clock> clock) {
        Clock programmeClock = new ProgrammeClock(clock);
        return () -> programmeClock;
    }

    private static final class ProgrammeClock extends Clock {

        private final Instance<Clock> clock;

        ProgrammeClock(Instance<Clock> clock) {
            this.clock = clock;
        }

        @Override
        public ZoneId getZone() {
            return clock.get().getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return clock.get().withZone(zone);
        }

        @Override
        public Instant instant() {
            return clock.get().instant();
        }
    }
}
