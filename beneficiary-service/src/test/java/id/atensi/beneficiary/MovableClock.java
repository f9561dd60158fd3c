package id.atensi.beneficiary;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The service's clock in tests: real time in the programme's zone, unless a test moves it to another moment. */
@Singleton
public class MovableClock extends Clock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

    private volatile Duration offset = Duration.ZERO;

    /** Moves "now" to {@code moment}; time runs on from there. */
    public void travelTo(ZonedDateTime moment) {
        offset = Duration.between(Instant.now(), moment.toInstant());
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
