package id.atensi.webhook.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.idempotency.IdempotencyKeys;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.commons.security.Caller;
import id.atensi.outbound.TargetRefusedException;
import id.atensi.outbound.Targets;
import id.atensi.webhook.config.WebhookConfig;
import id.atensi.webhook.domain.Delivery;
import id.atensi.webhook.domain.DisabledReason;
import id.atensi.webhook.domain.Endpoint;
import id.atensi.webhook.domain.EndpointStatus;
import id.atensi.webhook.domain.EventTypes;
import id.atensi.webhook.domain.SecretCipher;
import id.atensi.webhook.domain.Signatures;
import id.atensi.webhook.events.EndpointDisabledV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Registering, changing, disabling and deleting endpoints, rotating their secrets, and the test ping. */
@ApplicationScoped
public class EndpointService {

    private final WebhookAccess access;
    private final Targets targets;
    private final FanOut fanOut;
    private final EventOutbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;
    private final WebhookConfig config;
    private final IdempotencyKeys idempotencyKeys;
    private final Caller caller;
    private final SecretCipher cipher;

    EndpointService(WebhookAccess access, Targets targets, FanOut fanOut, EventOutbox outbox, EntityManager entityManager,
                    Clock clock, WebhookConfig config, IdempotencyKeys idempotencyKeys, Caller caller, SecretCipher cipher) {
        this.cipher = cipher;
        this.idempotencyKeys = idempotencyKeys;
        this.caller = caller;
        this.access = access;
        this.targets = targets;
        this.fanOut = fanOut;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
        this.config = config;
    }

    /** A registration's answer: the endpoint, its secret (only when just made, never on a replay) and whether it was a replay. */
    public record Registered(Endpoint endpoint, String secret, boolean replayed) {
    }

    /**
     * Registers an endpoint. With an {@code Idempotency-Key}, the same caller's retry of the same request answers the
     * endpoint registered the first time, without its secret: the secret is shown once, and the key's stored answer
     * never holds it (only the endpoint's id is kept).
     */
    @Transactional
    public Registered register(UUID partnerId, String url, String description, List<String> eventTypes, Integer maxInFlight,
                               String idempotencyKey, String requestFingerprint) {
        AtomicReference<String> secret = new AtomicReference<>();
        IdempotencyKeys.Outcome outcome = idempotencyKeys.once(caller.name(), idempotencyKey, "register-endpoint", requestFingerprint, () -> {
            String newSecret = Signatures.newSecret();
            secret.set(newSecret);
            Endpoint endpoint = register(partnerId, url, description, eventTypes, maxInFlight, cipher.seal(newSecret));
            return IdempotencyKeys.Outcome.created(endpoint.id, null);
        });
        return new Registered(access.reachable(outcome.resourceId()), secret.get(), outcome.replayed());
    }

    private Endpoint register(UUID partnerId, String url, String description, List<String> eventTypes, Integer maxInFlight,
                              String sealedSecret) {
        UUID partner = access.partnerToRegisterFor(partnerId);
        List<String> subscription = subscription(eventTypes);
        checkTarget(url);
        Endpoint endpoint = Endpoint.register(partner, url, description, subscription, Clocks.now(clock), sealedSecret);
        endpoint.maxInFlight = maxInFlight;
        endpoint.persist();
        return endpoint;
    }

    @Transactional
    public Endpoint change(UUID id, long expectedVersion, String url, String description, List<String> eventTypes, Integer maxInFlight) {
        Endpoint endpoint = access.reachable(id);
        Versions.require("endpoint", endpoint.version, expectedVersion);
        List<String> subscription = subscription(eventTypes);
        if (!endpoint.url.equals(url)) {
            checkTarget(url);
        }
        endpoint.url = url;
        endpoint.description = description;
        endpoint.maxInFlight = maxInFlight;
        endpoint.eventTypes = new java.util.ArrayList<>(subscription);
        endpoint.updatedAt = Clocks.now(clock);
        Versions.flush(entityManager, "endpoint");
        return endpoint;
    }

    @Transactional
    public Endpoint changeStatus(UUID id, Long expectedVersion, EndpointStatus requested) {
        Endpoint endpoint = access.reachable(id);
        Versions.require("endpoint", endpoint.version, expectedVersion);
        if (!endpoint.allowedTransitions().contains(requested)) {
            throw ProblemException.illegalTransition("endpoint", endpoint.status, requested, endpoint.allowedTransitions());
        }
        OffsetDateTime now = Clocks.now(clock);
        if (requested == EndpointStatus.DISABLED) {
            endpoint.disable(DisabledReason.MANUAL, now);
            outbox.record(new EndpointDisabledV1(endpoint.id, endpoint.partnerId, endpoint.url, DisabledReason.MANUAL.name(), now));
        } else {
            checkTarget(endpoint.url);
            endpoint.enable(now);
        }
        Versions.flush(entityManager, "endpoint");
        return endpoint;
    }

    @Transactional
    public void delete(UUID id) {
        Endpoint endpoint = access.reachable(id);
        endpoint.delete();
    }

    /** @return the endpoint with its new secret; the previous one signs too until {@code previousSecretExpiresAt} */
    /** A rotation's answer: the endpoint and its new secret, shown this once. */
    public record Rotated(Endpoint endpoint, String secret) {
    }

    @Transactional
    public Rotated rotateSecret(UUID id) {
        Endpoint endpoint = access.reachable(id);
        String secret = Signatures.newSecret();
        endpoint.rotateSecret(Clocks.now(clock), config.previousSecretValidity(), cipher.seal(secret));
        return new Rotated(endpoint, secret);
    }

    @Transactional
    public Delivery ping(UUID id) {
        Endpoint endpoint = access.reachable(id);
        if (!endpoint.enabled()) {
            throw new ProblemException(ProblemCode.CONFLICT, "endpoint " + id + " is disabled: enable it to send a ping",
                    List.of(), Map.of("currentStatus", endpoint.status.name()));
        }
        return fanOut.ping(endpoint);
    }

    private static List<String> subscription(List<String> eventTypes) {
        List<String> unknown = eventTypes.stream().filter(type -> !EventTypes.isValidSubscription(type)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.invalidField("eventTypes", "not a delivered event type or family: " + String.join(", ", unknown)
                    + " (families: " + String.join(", ", EventTypes.FAMILIES) + ")");
        }
        return eventTypes.stream().distinct().sorted().toList();
    }

    /** The URL's form (400) and, after resolving its host, its addresses (422) — checked again at every delivery. */
    private void checkTarget(String url) {
        try {
            targets.parse(url);
        } catch (TargetRefusedException e) {
            throw ProblemException.invalidField("url", e.getMessage());
        }
        try {
            targets.check(url);
        } catch (TargetRefusedException e) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, e.getMessage(), List.of(), Map.of("rule", "address-not-allowed"));
        }
    }
}
