package id.atensi.commons.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The clocks a service records moments by. PostgreSQL keeps a {@code timestamptz} to the microsecond and rounds what is
 * finer, while an event's JSON keeps every digit it is given: a moment read to the nanosecond (as the JDK reads it on
 * Linux) would be stored in the record rounded and published in the event telling of it whole, and the two would not
 * compare equal. They can even differ by a whole microsecond, since the driver rounds a half up when it binds and
 * PostgreSQL rounds a half to even when it parses the event's text. A clock that reads no finer than a microsecond
 * gives moments that both write alike.
 */
public final class ServiceClocks {

    /**
     * The system's clock in UTC at stored precision: for moments kept by the system's time rather than the programme's
     * clock that tests move (the outbox's {@code occurred_at}, read models, housekeeping, and use cases not yet on the
     * service's clock), so that those too are stored as they are published.
     */
    public static final Clock SYSTEM_UTC = system(ZoneOffset.UTC);

    private ServiceClocks() {
    }

    /** The system's clock in {@code zone}, at stored precision. */
    public static Clock system(ZoneId zone) {
        return atStoredPrecision(Clock.system(zone));
    }

    /**
     * {@code clock}, each instant truncated to the microsecond. Not {@code Clock.tick}: before JDK 22 its clock divides
     * by zero in {@code millis()} for a tick under a millisecond (JDK-8310232).
     */
    public static Clock atStoredPrecision(Clock clock) {
        return clock instanceof StoredPrecisionClock ? clock : new StoredPrecisionClock(clock);
    }

    private static final class StoredPrecisionClock extends Clock {

        private final Clock base;

        StoredPrecisionClock(Clock base) {
            this.base = base;
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return zone.equals(base.getZone()) ? this : new StoredPrecisionClock(base.withZone(zone));
        }

        @Override
        public long millis() {
            return base.millis();
        }

        @Override
        public Instant instant() {
            return base.instant().truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StoredPrecisionClock clock && base.equals(clock.base);
        }

        @Override
        public int hashCode() {
            return base.hashCode() + 1;
        }

        @Override
        public String toString() {
            return "StoredPrecisionClock[" + base + "]";
        }
    }
}
