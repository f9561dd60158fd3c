package id.atensi.aid;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The service's clock in tests: real time, unless a test moves it to another day (a programme's period). */
@Singleton
public class MovableClock extends Clock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

    private volatile Duration offset = Duration.ZERO;

    /** Moves "now" to the same time of day on {@code day}, in Jakarta. */
    public void travelTo(LocalDate day) {
        Instant now = Instant.now();
        offset = Duration.between(now, day.atTime(now.atZone(ZONE).toLocalTime()).atZone(ZONE).toInstant());
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
