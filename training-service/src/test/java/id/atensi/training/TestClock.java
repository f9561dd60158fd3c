package id.atensi.training;

import id.atensi.testing.MovableClock;
import id.atensi.training.config.TrainingConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Tests' clock, in place of the service's: real time in the configured zone until a test moves it. */
public class TestClock {

    @Produces
    @Singleton
    MovableClock clock(TrainingConfig config) {
        return new MovableClock(config.timeZone());
    }
}
