package id.atensi.commons.time;

import jakarta.enterprise.inject.Instance;
import jakarta.validation.ClockProvider;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Bean Validation's "now" (for {@code @PastOrPresent} and the like) as the service's {@link Clock} bean says it,
 * instead of the JVM's zone. Hibernate Validator takes the clock once, when it builds its validators at start, before
 * the configuration mapping that names the zone exists in a packaged application: so the clock it gets defers every
 * question to the clock bean. Not a bean itself, since not every module has a clock bean: a service produces it,
 * {@code @Produces @Singleton ClockProvider validationClock(Instance<Clock> clock)}.
 */
public final class ClockBeanProvider implements ClockProvider {

    private final Clock clock;

    public ClockBeanProvider(Instance<Clock> clock) {
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
