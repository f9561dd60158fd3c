package id.atensi.partner;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The service's clock in tests: real time, moved forward when a test needs "tomorrow" (expiry). */
@Singleton
public class MovableClock extends Clock {

    private static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

    private volatile Duration offset = Duration.ZERO;

    public void moveForward(Duration by) {
        offset = offset.plus(by);
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
