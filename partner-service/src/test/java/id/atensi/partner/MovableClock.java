package id.atensi.partner;

import id.atensi.commons.time.ServiceClocks;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock in tests: real time, moved forward when a test needs "tomorrow" (expiry), or pinned to an exact
 * instant so that a test can stand on either side of midnight without sleeping. Running, it ticks in microseconds as the
 * service's own clock does (platform-commons' {@code ServiceClocks}).
 */
@Singleton
public class MovableClock extends Clock {

    static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

    private Duration offset = Duration.ZERO;
    private Instant pinned;
    private Duration tick = Duration.ZERO;

    public synchronized void moveForward(Duration by) {
        offset = offset.plus(by);
        if (pinned != null) {
            pinned = pinned.plus(by);
        }
    }

    /** Stops time at {@code time} on {@code date} in the ministry's time zone. */
    public synchronized void pinAt(LocalDate date, LocalTime time) {
        pinned = date.atTime(time).atZone(ZONE).toInstant().truncatedTo(ChronoUnit.MICROS);
        tick = Duration.ZERO;
    }

    /** While pinned, each read moves time on by {@code step}: lets midnight fall between two reads of one request. */
    public synchronized void tickOnEachRead(Duration step) {
        tick = step;
    }

    public synchronized void reset() {
        offset = Duration.ZERO;
        pinned = null;
        tick = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public synchronized Clock withZone(ZoneId zone) {
        return pinned != null ? Clock.fixed(pinned, zone) : ServiceClocks.atStoredPrecision(Clock.offset(Clock.system(zone), offset));
    }

    @Override
    public synchronized Instant instant() {
        if (pinned == null) {
            return Instant.now().plus(offset).truncatedTo(ChronoUnit.MICROS);
        }
        Instant now = pinned;
        pinned = pinned.plus(tick);
        return now;
    }
}
