package id.atensi.commons.time;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The clock a service records moments by. PostgreSQL keeps a {@code timestamptz} to the microsecond and rounds what is
 * finer, while an event's JSON keeps every digit it is given: a moment read to the nanosecond (as the JDK reads it on
 * Linux) would be stored in the record rounded and published in the event telling of it whole, and the two would not
 * compare equal. They can even differ by a whole microsecond, since the driver rounds a half up when it binds and
 * PostgreSQL rounds a half to even when it parses the event's text. A clock that ticks in microseconds gives moments
 * that both write alike.
 */
public final class ServiceClocks {

    /** The finest time a {@code timestamptz} keeps. */
    public static final Duration STORED_PRECISION = ChronoUnit.MICROS.getDuration();

    private ServiceClocks() {
    }

    /** The system's clock in {@code zone}, ticking in microseconds. */
    public static Clock system(ZoneId zone) {
        return atStoredPrecision(Clock.system(zone));
    }

    /** {@code clock}, with each instant truncated to the microsecond. */
    public static Clock atStoredPrecision(Clock clock) {
        return Clock.tick(clock, STORED_PRECISION);
    }
}
