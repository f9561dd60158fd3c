package id.atensi.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.atensi.gateway.config.GatewayConfig;
import id.atensi.gateway.problem.GatewayProblem;
import id.atensi.gateway.problem.Problems;
import id.atensi.gateway.request.RequestTarget;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Per-client rate limits: one token bucket per client (the token's subject, the partner organisation for
 * partner tokens, the remote address for anonymous requests), sized by the client's role. Over the limit the
 * caller gets 429 problem+json with {@code Retry-After}; so does an address that floods the gateway with
 * requests it refuses for want of a valid token. Buckets live in memory, at most
 * {@code rate-limiter.max-clients} of them; a bucket unused for a whole refill period is full again anyway
 * and is dropped.
 */
@Singleton
public class RateLimits {

    public static final String ANONYMOUS = "anonymous";
    public static final String PARTNER_ROLE = "partner";
    public static final String PARTNER_ID_CLAIM = "partner_id";

    /** After Quarkus' authentication (a filter, so it runs first) and the body-size check, before the routes. */
    private static final int ROUTE_ORDER = -1;

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    /** Who is counted and under which role's limit; the key of its bucket. */
    public record Client(String key, String role) {
    }

    private final boolean enabled;
    private final Map<String, GatewayConfig.RateLimit> limits;
    private final Cache<Client, Bucket> buckets;

    @Inject
    public RateLimits(GatewayConfig config) {
        this(config.rateLimiter().enabled(), config.rateLimits(), config.rateLimiter().maxClients());
    }

    public RateLimits(boolean enabled, Map<String, GatewayConfig.RateLimit> limits, long maxClients) {
        this.enabled = enabled;
        this.limits = Map.copyOf(limits);
        if (enabled && !limits.containsKey(ANONYMOUS)) {
            throw new IllegalArgumentException("atensi.gateway.rate-limits.anonymous is not configured");
        }
        limits.forEach((role, limit) -> {
            if (limit.capacity() < 1 || limit.refillPeriod().isNegative() || limit.refillPeriod().isZero()) {
                throw new IllegalArgumentException("atensi.gateway.rate-limits." + role
                        + ": capacity must be at least 1 and refill-period positive");
            }
        });
        Duration longestPeriod = limits.values().stream().map(GatewayConfig.RateLimit::refillPeriod)
                .max(Duration::compareTo).orElse(Duration.ofMinutes(1));
        this.buckets = Caffeine.newBuilder().maximumSize(maxClients).expireAfterAccess(longestPeriod)
                // every request reads a bucket, and each drained read buffer would wake a common-pool thread on two
                // cores: the upkeep is a few map operations, cheaper on the event loop that asked
                .executor(Runnable::run)
                .build();
    }

    void register(@Observes Router router) {
        if (enabled) {
            router.route().order(ROUTE_ORDER).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        if (exempt(RequestTarget.path(ctx))) {
            ctx.next();
            return;
        }
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (admit(ctx, client(identity, remoteAddress(ctx)))) {
            ctx.next();
        }
    }

    /**
     * Probes and scrapes come from the platform itself, often and from one address. The console's files are
     * static and a page load fetches about fifteen of them without a token: counted against the address, an
     * office behind one NAT address would use up the anonymous limit by opening the console a few times.
     */
    private static boolean exempt(String path) {
        return path != null && (path.startsWith("/q/health") || path.startsWith("/q/metrics") || path.startsWith("/console/"));
    }

    /**
     * For a request with a verified token that skips the route this class registers (KnownTokenForwarding): the
     * same count against the same client.
     *
     * @return true when the request may go on; false when the 429 has been sent
     */
    public boolean admitAuthenticated(RoutingContext ctx, Client client) {
        return !enabled || exempt(RequestTarget.path(ctx)) || admit(ctx, client);
    }

    /**
     * For a request about to be refused for want of a valid token (none, or a bad one). Authentication answers
     * it before the route that counts requests, so without this an unauthenticated flood would get unlimited
     * 401s (and, with bad tokens, as many signature checks). It counts against its address, like any anonymous
     * request.
     *
     * @return true when the request is within the anonymous limit (the caller sends its 401); false when the
     * 429 has been sent instead
     */
    public boolean admitUnauthenticated(RoutingContext ctx) {
        return !enabled || admit(ctx, client(null, remoteAddress(ctx)));
    }

    private boolean admit(RoutingContext ctx, Client client) {
        long waitNanos = tryConsume(client);
        if (waitNanos <= 0) {
            return true;
        }
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        LOG.debugf("Rate limit of %s reached by a client (role %s)", RequestTarget.path(ctx), client.role());
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        Problems.send(ctx, GatewayProblem.TOO_MANY_REQUESTS,
                "Too many requests from this client; retry in " + seconds + " s.");
        return false;
    }

    private static String remoteAddress(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    /** Takes one token from the client's bucket: 0 when there was one, otherwise the nanoseconds until there is. */
    public long tryConsume(Client client) {
        // Looked up before it is built: building needs a lambda capturing the limit, a new object per request.
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket == null) {
            GatewayConfig.RateLimit limit = limits.get(client.role());
            bucket = buckets.get(client, key -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(limit.capacity())
                            .refillIntervally(limit.capacity(), limit.refillPeriod()).build())
                    .build());
        }
        if (bucket.tryConsume(1)) {
            return 0;
        }
        return Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    /** The client a request counts against. */
    public Client client(SecurityIdentity identity, String remoteAddress) {
        if (identity == null || identity.isAnonymous()) {
            return new Client("address:" + remoteAddress, ANONYMOUS);
        }
        String role = roleFor(identity.getRoles());
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object partnerId = jwt.getClaim(PARTNER_ID_CLAIM);
            if (identity.getRoles().contains(PARTNER_ROLE) && partnerId != null && !partnerId.toString().isBlank()) {
                // All of a partner organisation's users share one allowance.
                return new Client("partner:" + partnerId.toString().replace("\"", ""), role);
            }
            if (jwt.getSubject() != null) {
                return new Client("subject:" + jwt.getSubject(), role);
            }
        }
        return new Client("subject:" + identity.getPrincipal().getName(), role);
    }

    /** The most generous limit among the roles (requests per second), {@code anonymous} when none has one. */
    String roleFor(Set<String> roles) {
        String best = ANONYMOUS;
        double bestRate = -1;
        for (String role : roles) {
            GatewayConfig.RateLimit limit = limits.get(role);
            if (limit != null && !role.equals(ANONYMOUS)) {
                double rate = (double) limit.capacity() / limit.refillPeriod().toNanos();
                if (rate > bestRate) {
                    best = role;
                    bestRate = rate;
                }
            }
        }
        return best;
    }
}
