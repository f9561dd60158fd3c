package id.atensi.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The webhook service's own settings: every key under {@code atensi.webhook.}, each declared once with its default. */
@ConfigMapping(prefix = "atensi.webhook")
public interface WebhookConfig {

    /** The programme's zone, for the clock bean every service has. */
    @WithDefault("Asia/Jakarta")
    ZoneId timeZone();

    /**
     * When each attempt is made, counted from the failure before it: the first at once, then 5 s, 5 min, 30 min,
     * 2 h, 5 h, 10 h, 10 h (the schedule Standard Webhooks senders commonly use, about 28 hours in all). After the
     * last, the delivery has failed; it can still be replayed.
     */
    @WithDefault("PT0S,PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
    List<Duration> retrySchedule();

    /** An endpoint whose deliveries have failed without a success for this long is disabled and its partner told. */
    @WithDefault("P5D")
    Duration disableAfter();

    /** How long a rotated-out secret still signs (both signatures are sent meanwhile). */
    @WithDefault("PT24H")
    Duration previousSecretValidity();

    /** The longest the dispatcher sleeps without being told of new deliveries before it looks for due retries. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** Deliveries claimed at once by one dispatcher pass. */
    @WithDefault("500")
    int batchSize();

    /** A claimed delivery whose replica died is claimed again after this long; longer than the outbound timeout. */
    @WithDefault("PT1M")
    Duration lease();

    /** Threads that record attempts' results in the database, each a batch at a time. */
    @WithDefault("2")
    int recorderThreads();

    /** The most attempts' results one recording transaction takes. */
    @WithDefault("500")
    int recordBatchSize();

    /** How often the gauges (oldest pending, disabled endpoints) are read from the database: a scheduler interval. */
    @WithDefault("10s")
    String metricsInterval();

    Outbound outbound();

    Secrets secrets();

    Retention retention();

    /**
     * The keys signing secrets are encrypted with at rest (AES-256-GCM); see {@code domain.SecretCipher}. Optional here
     * so that the cipher, not the configuration loader, refuses to start without them and names the variable to set;
     * only a local deployment ({@code outbound.allow-plain-http}) runs without, its secrets unencrypted.
     */
    interface Secrets {

        /** AES-256 keys by key id, base64 of 32 bytes; all decrypt. */
        Map<String, String> keys();

        /** The key id new secrets are encrypted with. */
        Optional<String> activeKeyId();
    }

    /** How long the delivery log is kept. */
    interface Retention {

        /**
         * Deliveries delivered or given up, with their attempts, are deleted this long after they were created, and
         * stored events no delivery refers to any more with them. Pending deliveries are kept however old.
         */
        @WithDefault("P30D")
        Duration deliveryLog();

        /** How often the purge runs: a scheduler interval. */
        @WithDefault("1h")
        String purgeInterval();

        /** Rows deleted per transaction, so that a large purge never holds locks long. */
        @WithDefault("5000")
        int purgeBatchSize();
    }

    interface Outbound {
        /**
         * Networks that may be delivered to although they are loopback, private, link-local or otherwise special
         * (local runs: {@code 127.0.0.0/8}). Empty in production: every such address is refused.
         */
        Optional<List<String>> allowedNetworks();

        /** Whether http:// URLs are accepted; production takes https only. */
        @WithDefault("false")
        boolean allowPlainHttp();

        /** One request, connection to last byte. */
        @WithDefault("PT10S")
        Duration timeout();

        /** How much of a receiver's answer is read and kept in the delivery log. */
        @WithDefault("1024")
        int maxResponseBytes();

        /**
         * Requests in flight to one endpoint at once, unless the endpoint sets its own ({@code maxInFlight}, up to
         * 256): a slow endpoint holds only these.
         */
        @WithDefault("4")
        int maxConcurrentPerEndpoint();

        /**
         * How long a host name's addresses are kept between requests (0: looked up at every request). Every request
         * still checks every address it goes by; a name re-pointed at a refused address is refused once its entry
         * ends. The JDK itself keeps a successful lookup for 30 s.
         */
        @WithDefault("PT10S")
        Duration dnsCache();
    }
}
