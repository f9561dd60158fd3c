package id.atensi.beneficiary.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The SPDCI registry API's settings, every key under {@code atensi.beneficiary.registry.}: who this registry is to its
 * callers, how far a message may go, where callbacks may be sent and whose signatures it trusts.
 */
@ConfigMapping(prefix = "atensi.beneficiary.registry")
public interface RegistryConfig {

    /** This registry's id in the exchange: the {@code receiver_id} callers address and the {@code sender_id} of answers. */
    @WithDefault("atensi.kemensos.go.id")
    String registryId();

    /**
     * Search requests one synchronous message may carry. Each is a query and a page of up to 200 people: 20 keep the
     * answer under a few seconds and a few megabytes; a larger batch goes to the asynchronous search.
     */
    @WithDefault("20")
    int syncMaxRequests();

    /** Search requests one asynchronous message may carry: 1,000 identifiers in one message is the benchmark's case. */
    @WithDefault("1000")
    int asyncMaxRequests();

    Callback callback();

    Signature signature();

    Token token();

    /** Callbacks to a caller's {@code sender_uri}, under platform-outbound-http's rules. */
    interface Callback {

        /** Networks callbacks may reach although private (local runs and tests only); none in production. */
        Optional<List<String>> allowedNetworks();

        @WithDefault("false")
        boolean allowPlainHttp();

        @WithDefault("PT10S")
        Duration timeout();

        /** A caller's acknowledgement is a few hundred bytes; more is read no further. */
        @WithDefault("65536")
        int maxResponseBytes();

        @WithDefault("4")
        int maxConcurrentPerTarget();

        /** Deliveries of one answer before it is given up (status rjct): 1 s, 2 s, 4 s, … apart, about an hour in all at 12. */
        @WithDefault("12")
        int maxAttempts();

        @WithDefault("PT1S")
        Duration firstRetryAfter();

        /** How often answers due for a retry are looked for; the job's {@code @Scheduled} expression. */
        @WithDefault("5s")
        String sweepInterval();
    }

    /** The standard's ed25519 message signatures. */
    interface Signature {

        /** Whether a message without a signature is refused ({@code err.signature.missing}); one present is always checked. */
        @WithDefault("false")
        boolean required();

        /**
         * Callers' public keys, each {@code sender_id|key id|base64 of the X.509 encoding of an Ed25519 key}: the
         * signature's {@code keyId} ({@code sender_id|key id|ed25519}) names one by its first two parts.
         */
        Optional<List<String>> senderKeys();

        /** This registry's signing key, base64 of the PKCS#8 encoding of an Ed25519 key; answers are signed when set. */
        Optional<String> signingKey();

        @WithDefault("atensi-registry-1")
        String signingKeyId();

        /** How long a signature counts from its {@code created}, when its {@code expires} is later. */
        @WithDefault("PT5M")
        Duration maxAge();
    }

    /** The standard's token path, forwarded to the platform's identity provider. */
    interface Token {

        /** Keycloak's token endpoint of the realm, e.g. {@code http://keycloak:8080/realms/atensi/protocol/openid-connect/token}. */
        Optional<URI> endpoint();

        @WithDefault("PT10S")
        Duration timeout();
    }
}
