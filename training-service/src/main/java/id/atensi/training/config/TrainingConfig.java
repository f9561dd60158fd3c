package id.atensi.training.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/**
 * The training service's own settings: every key under {@code atensi.training.}, each declared once with its default,
 * read by whatever needs it instead of loose {@code @ConfigProperty} lookups.
 */
@ConfigMapping(prefix = "atensi.training")
public interface TrainingConfig {

    /** Share of a class's sessions, in percent, a participant must attend (PRESENT) to complete it. */
    @WithDefault("75")
    int completionThresholdPercent();

    /** Where the programme's calendar days begin and end: a class closed at 01:00 WIB on 1 January closed in the new year. */
    @WithDefault("Asia/Jakarta")
    ZoneId timeZone();
}
