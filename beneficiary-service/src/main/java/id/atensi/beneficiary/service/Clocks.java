package id.atensi.beneficiary.service;

import id.atensi.beneficiary.config.BeneficiaryConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The service's sense of "today": decisions, assessments and births are calendar dates in the programme's time zone
 * ({@link BeneficiaryConfig#timeZone}), not UTC's or the JVM's. A bean rather than {@code LocalDate.now()} so that tests
 * can move time to the early hours of a Jakarta morning. {@code @PastOrPresent} asks it too, through platform-commons'
 * {@code ClockBeanProvider}.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(BeneficiaryConfig config) {
        return Clock.system(config.timeZone());
    }
}
