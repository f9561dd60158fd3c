package id.atensi.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the gateway routes where, and how patiently it waits for the services behind it. */
@ConfigMapping(prefix = "atensi.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name ({@code beneficiary}, {@code partner}, ...). */
    Map<String, Service> services();

    UpstreamSettings upstream();

    OpenApiSettings openapi();

    /**
     * Rate limits by role ({@code admin}, {@code officer}, ..., and {@code anonymous} for requests without a
     * token). A token with several roles gets the most generous of its roles' limits.
     */
    Map<String, RateLimit> rateLimits();

    RateLimiterSettings rateLimiter();

    CircuitBreakerSettings circuitBreaker();

    VerifiedTokenSettings verifiedTokens();

    RequestLimits requestLimits();

    Identity identity();

    /** The identity provider whose tokens the gateway takes, as browsers and front-ends reach it. */
    interface Identity {

        /**
         * The realm's public URL: Swagger UI's "Authorize" sends browsers to {@code <issuer>/protocol/openid-connect/auth}
         * and takes tokens from {@code .../token}. {@code mp.jwt.verify.issuer} unless set, since Keycloak issues
         * tokens under the URL it is published at; set it apart only if browsers reach the realm elsewhere.
         */
        URI issuer();
    }

    interface RequestLimits {

        /**
         * The longest request line (method, target, version) answered with anything but 414: the services'
         * own HTTP servers refuse longer ones with an empty answer.
         */
        @WithDefault("4096")
        int maxRequestLine();

        /**
         * The largest header section (names, values and line ends) answered with anything but 431. Below the
         * services' 20 KB, as the gateway adds headers of its own to what it forwards.
         */
        @WithDefault("16384")
        int maxHeaderSize();
    }

    interface RateLimit {

        /** Requests a client may make per refill period (and the largest burst). */
        long capacity();

        /** How often the whole capacity comes back. */
        Duration refillPeriod();
    }

    interface RateLimiterSettings {

        /** Off switch for the rate limits. */
        @WithDefault("true")
        boolean enabled();

        /** Clients whose buckets are kept in memory; the least recently seen ones are dropped beyond it. */
        @WithDefault("100000")
        long maxClients();
    }

    interface VerifiedTokenSettings {

        /** Verified tokens whose identities are kept, so that a client's next request skips the signature check; 0 keeps none. */
        @WithDefault("10000")
        long maxEntries();

        /** The longest an identity is kept (never past its token's expiry): how long a key rotation may take to reach a token already seen. */
        @WithDefault("5m")
        Duration maxAge();
    }

    interface CircuitBreakerSettings {

        /** Consecutive failures (refused, broken or timed-out exchanges) that open a service's circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 before one trial request is let through. */
        @WithDefault("10s")
        Duration openDuration();
    }

    interface Service {

        /** Base URL of the service; a path in it is put in front of every forwarded path. */
        URI url();

        /** Path prefixes served by this service; a prefix matches the path itself or the path followed by {@code /}. */
        List<String> prefixes();

        /** This service's own {@code upstream.timeout}, for services with slow operations (reports, imports). */
        Optional<Duration> timeout();
    }

    interface UpstreamSettings {

        /** How long to wait for a TCP connection to a service; past it the caller gets 504. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long a forwarded exchange may go without any data from the service; past it the caller gets 504. */
        @WithDefault("30s")
        Duration timeout();

        /**
         * Connections each event loop's pool may keep per service; Vert.x's default of 5 would queue requests behind
         * a single slow call.
         */
        @WithDefault("100")
        int maxConnections();
    }

    interface OpenApiSettings {

        /** How long a merged document is served before the services' documents are fetched again. */
        @WithDefault("30s")
        Duration cacheTtl();

        /** How long a service may stay silent while sending its document before it is reported missing. */
        @WithDefault("5s")
        Duration fetchTimeout();

        /**
         * How long a document that lacks a service is kept. Shorter than the TTL so that a service started
         * after the gateway shows up in Swagger UI within seconds.
         */
        @WithDefault("5s")
        Duration retryMissingAfter();
    }
}
