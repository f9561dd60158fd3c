package id.atensi.aid.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/**
 * The aid service's own settings. A mapping of its own, not loose properties: the platform's {@code atensi} mapping
 * refuses keys under its prefix that no mapping claims.
 */
@ConfigMapping(prefix = "atensi.aid")
public interface AidConfig {

    /** The zone of "today": a programme's period is calendar dates in the ministry's time zone (WIB). */
    @WithDefault("Asia/Jakarta")
    ZoneId timeZone();
}
