package id.atensi.partner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

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

    /** The Keycloak realm in which partners' API clients are made, and partner-service's own client there. */
    Keycloak keycloak();

    interface Keycloak {

        /** Keycloak's base URL as partner-service reaches it (admin API and token endpoint), without {@code /realms/…}. */
        String url();

        /**
         * The base URL partners' systems reach Keycloak at, for the token URL told to them; the same as {@link #url()}
         * unless Keycloak is reached inside the platform's network under another name.
         */
        Optional<String> publicUrl();

        @WithDefault("atensi")
        String realm();

        /** partner-service's own confidential client, whose service account may manage clients and users of the realm. */
        @WithDefault("atensi-partner-service")
        String clientId();

        /** Without it partner-service runs, and every API-client call answers 503 saying so. */
        Optional<String> clientSecret();

        /**
         * How long an access token of a partner's API client lives. It bounds how long a disabled client's tokens
         * already issued keep working: services verify tokens locally against the realm's keys and ask Keycloak
         * nothing per request.
         */
        @WithDefault("PT5M")
        Duration apiClientTokenLifespan();

        /** Connect and read timeout of each call to Keycloak; beyond it the caller gets 503 rather than waiting. */
        @WithDefault("PT5S")
        Duration timeout();
    }
}
