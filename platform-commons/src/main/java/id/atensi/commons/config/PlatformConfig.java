package id.atensi.commons.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Settings every ATENSI service shares; each key can be overridden by environment (ATENSI_OUTBOX_RELAY_ENABLED…).
 * Together with each service's own mapping ({@code atensi.<service>}) it names every {@code atensi.*} key there is:
 * a key neither declares, a mistyped one say, stops the service at start instead of being ignored.
 */
@ConfigMapping(prefix = "atensi")
public interface PlatformConfig {

    /** The service's short name: it names the event source, the topic and the consumer groups. */
    String serviceName();

    Outbox outbox();

    Consumers consumers();

    Events events();

    IdempotencyKeys idempotencyKeys();

    Security security();

    interface Outbox {
        Relay relay();

        interface Relay {
            /** Whether this instance publishes the outbox; every replica can, only one at a time does. */
            @WithDefault("true")
            boolean enabled();

            @WithDefault("500")
            int batchSize();

            /** How long the relay sleeps without a commit notification before it looks anyway. */
            @WithDefault("PT1S")
            Duration pollInterval();

            /** The longest wait between attempts while Kafka or PostgreSQL is away. */
            @WithDefault("PT10S")
            Duration maxBackoff();

            /**
             * How long a round waits for the lock a transaction rewriting pending rows holds (an erasure, which holds it
             * for milliseconds) before the round is skipped and counted, so that a stalled one never pins the relay.
             */
            @WithDefault("PT5S")
            Duration lockWait();
        }

        /** An unpublished event older than this turns the readiness check's outbox entry into a warning. */
        @WithDefault("PT1M")
        Duration warnAge();

        /** Published events are deleted from the outbox after this long. */
        @WithDefault("P7D")
        Duration retention();

        /** How often the backlog gauges are read from the database: a scheduler interval, read by EventHousekeeping's schedule. */
        @WithDefault("10s")
        String metricsInterval();
    }

    interface Events {
        /** How often published outbox rows and old inbox ids are deleted: a scheduler interval, read by EventHousekeeping's schedule. */
        @WithDefault("1h")
        String retentionInterval();
    }

    interface IdempotencyKeys {
        /** A key and its stored answer are forgotten after this long: retries come within minutes. */
        @WithDefault("P1D")
        Duration retention();

        /** How often forgotten keys are deleted: a scheduler interval, read by IdempotencyKeys' schedule. */
        @WithDefault("1h")
        String pruneInterval();
    }

    interface Security {
        VerifiedTokens verifiedTokens();

        /** Bearer tokens verified once and then remembered until they expire (commons' security.VerifiedTokens). */
        interface VerifiedTokens {
            /** Tokens remembered at most; some 3 KB each at worst. */
            @WithDefault("10000")
            long maxSize();

            /** The longest a verified token is remembered, however far its expiry; PT0S verifies every request. */
            @WithDefault("PT5M")
            Duration maxAge();
        }
    }

    interface Consumers {
        @WithDefault("true")
        boolean enabled();

        /** The longest wait between attempts at an event whose failure is transient. */
        @WithDefault("PT10S")
        Duration maxBackoff();

        /**
         * Consumed event ids are forgotten after this long. Keep it longer than the topics' retention:
         * an event older than its id's record could otherwise be applied twice after a replay.
         */
        @WithDefault("P30D")
        Duration inboxRetention();
    }
}
