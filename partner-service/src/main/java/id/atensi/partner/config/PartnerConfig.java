package id.atensi.partner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/**
 * The partner service's own settings: every key under {@code atensi.partner.}, each declared once with its default,
 * read by whatever needs it instead of loose {@code @ConfigProperty} lookups.
 */
@ConfigMapping(prefix = "atensi.partner")
public interface PartnerConfig {

    /** Agreements start and end on calendar dates in the ministry's time zone (WIB). */
    @WithDefault("Asia/Jakarta")
    ZoneId timeZone();

    /**
     * When the expiry job runs (Quarkus cron, seconds first); "off" disables it. The scheduler reads it from the
     * {@code @Scheduled} expression; it is declared here so that every {@code atensi.partner} key is in this one place.
     */
    @WithDefault("0 15 0 * * ?")
    String expiryCron();
}
