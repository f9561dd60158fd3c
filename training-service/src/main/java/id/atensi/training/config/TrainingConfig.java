package id.atensi.training.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The training service's own settings. A mapping of its own, not loose properties: the platform's
 * {@code atensi} mapping refuses keys under its prefix that no mapping claims.
 */
@ConfigMapping(prefix = "atensi.training")
public interface TrainingConfig {

    /** Share of a class's sessions, in percent, a participant must attend (PRESENT) to complete it. */
    @WithDefault("75")
    int completionThresholdPercent();
}
