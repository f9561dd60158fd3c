package id.atensi.aid.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/**
 * The aid service's own settings: every key under {@code atensi.aid.}, each declared once with its default, read by
 * whatever needs it instead of loose {@code @ConfigProperty} lookups.
 */
@ConfigMapping(prefix = "atensi.aid")
public interface AidConfig {

    /** The zone of "today": a programme's period is calendar dates in the ministry's time zone (WIB). */
    @WithDefault("Asia/Jakarta")
    ZoneId timeZone();

    /**
     * The largest proof file (photo or PDF) taken, in bytes: 5 MB holds a phone's photo or a scanned page. Larger ones
     * answer 413 before their body is read. Keep it below quarkus.http.limits.max-body-size (10 MB by default), which
     * refuses first and without a problem body.
     */
    @WithDefault("5242880")
    long proofFileMaxBytes();
}
