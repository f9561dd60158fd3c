package id.atensi.webhook;

import id.atensi.testing.MovableClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Tests' clock, in place of the service's: real time in the programme's zone until a test moves it (the 5-day rule). */
public class TestClock {

    @Produces
    @Singleton
    MovableClock clock() {
        return new MovableClock(MovableClock.ZONE);
    }
}
