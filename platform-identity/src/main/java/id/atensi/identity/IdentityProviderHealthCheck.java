package id.atensi.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the identity provider's keys (the JWKS at {@code mp.jwt.verify.publickey.location}) can be fetched, on
 * readiness: {@code reachable}, or {@code unreachable: <reason>}. Always UP: tokens already issued keep verifying
 * with the keys fetched before, so while Keycloak is away only new logins fail; taking every replica out of
 * service for it would turn a login outage into a whole outage (the outbox check stays UP without Kafka for the
 * same reason). A probe is reused for a few seconds, so that readiness probes of many replicas do not hammer
 * Keycloak. A key location that is a file is not probed. Every service (through platform-commons) and the gateway
 * have it.
 */
@Readiness
@ApplicationScoped
public class IdentityProviderHealthCheck implements AsyncHealthCheck {

    static final String NAME = "Identity provider";
    static final String STATE = "identityProvider";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REUSE_PROBE_FOR = Duration.ofSeconds(5);

    private record Probe(CompletableFuture<HealthCheckResponse> response, long startedAtNanos) {
    }

    private final String keyLocation;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private final AtomicReference<Probe> last = new AtomicReference<>();

    IdentityProviderHealthCheck(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String keyLocation, ObjectMapper json) {
        this.keyLocation = keyLocation;
        this.json = json;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!keyLocation.startsWith("http://") && !keyLocation.startsWith("https://")) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData(STATE, "not probed: the keys are read from a file").build());
        }
        return Uni.createFrom().completionStage(current());
    }

    private CompletableFuture<HealthCheckResponse> current() {
        Probe previous = last.get();
        long now = System.nanoTime();
        if (previous != null && now - previous.startedAtNanos() < REUSE_PROBE_FOR.toNanos()) {
            return previous.response();
        }
        Probe next = new Probe(new CompletableFuture<>(), now);
        if (!last.compareAndSet(previous, next)) {
            return last.get().response();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(keyLocation)).timeout(PROBE_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure != null ? "unreachable: " + reason(failure) : state(response))
                .thenAccept(state -> next.response().complete(HealthCheckResponse.named(NAME).up().withData(STATE, state).build()));
        return next.response();
    }

    private String state(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return "unreachable: HTTP " + response.statusCode();
        }
        try {
            JsonNode keys = json.readTree(response.body()).path("keys");
            return keys.isArray() && !keys.isEmpty() ? "reachable" : "unreachable: the answer holds no keys";
        } catch (IOException e) {
            return "unreachable: the answer is not a JSON Web Key Set";
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + PROBE_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + PROBE_TIMEOUT.toSeconds() + " s";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        // The JDK's client reports a refused connection without a message.
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return cause.getClass().getSimpleName();
    }
}
