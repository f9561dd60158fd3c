package id.atensi.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A service's clock in tests: real time in the programme's zone, unless a test moves it to another moment; time runs
 * on from there. platform-testing is no bean archive, so a service's tests produce one ({@code @Produces @Singleton}),
 * and being a {@link Clock} it replaces the service's default clock bean. Like that bean (platform-commons'
 * {@code ServiceClocks}) it ticks in microseconds, the finest time PostgreSQL stores, so that a record and the event
 * telling of it carry the same moment in tests as they do in production.
 */
public class MovableClock extends Clock {

    /** The programme's zone, every service's default. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

    private final ZoneId zone;
    private volatile Duration offset = Duration.ZERO;

    public MovableClock(ZoneId zone) {
        this.zone = zone;
    }

    /** Moves "now" to {@code moment}. */
    public void travelTo(Instant moment) {
        offset = Duration.between(Instant.now(), moment);
    }

    public void travelTo(ZonedDateTime moment) {
        travelTo(moment.toInstant());
    }

    /** Moves "now" to the same time of day on {@code day}, in this clock's zone (a programme's period, an expiry). */
    public void travelTo(LocalDate day) {
        Instant now = Instant.now();
        travelTo(day.atTime(now.atZone(zone).toLocalTime()).atZone(zone));
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        MovableClock moved = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return moved.withZone(zone);
            }

            @Override
            public Instant instant() {
                return moved.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }
}
