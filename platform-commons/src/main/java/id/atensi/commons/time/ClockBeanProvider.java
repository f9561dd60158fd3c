package id.atensi.commons.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Bean Validation's "now" (for {@code @PastOrPresent} and the like) as the service's {@link Clock} bean says it, in
 * the programme's zone instead of the JVM's. Hibernate Validator takes the clock once, when it builds its validators at
 * start, before the configuration mapping that names the zone exists in a packaged application: so the clock it gets
 * defers every question to the clock bean. A module without a clock bean gets the JVM's, as Bean Validation would.
 */
@Singleton
@DefaultBean
public class ClockBeanProvider implements ClockProvider {

    private final Clock clock;

    ClockBeanProvider(Instance<Clock> clock) {
        this.clock = new DeferringClock(clock);
    }

    @Override
    public Clock getClock() {
        return clock;
    }

    private static final class DeferringClock extends Clock {

        private final Instance<Clock> clock;

        DeferringClock(Instance<Clock> clock) {
            this.clock = clock;
        }

        private Clock current() {
            return clock.isResolvable() ? clock.get() : Clock.systemDefaultZone();
        }

        @Override
        public ZoneId getZone() {
            return current().getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return current().withZone(zone);
        }

        @Override
        public Instant instant() {
            return current().instant();
        }
    }
}
