package id.atensi.partner.service;

import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.idempotency.IdempotencyKeys;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.commons.security.Caller;
import id.atensi.partner.client.KeycloakClients;
import id.atensi.partner.domain.ApiClient;
import id.atensi.partner.domain.ApiClientStatus;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.events.ApiClientDisabledV1;
import id.atensi.partner.events.ApiClientRegisteredV1;
import id.atensi.partner.events.ApiClientSecretRotatedV1;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Partners' API clients: registration, a new secret, disabling. Keycloak holds the credentials, this service the
 * record of who did what when, and the outbox publishes each change (partner-service keeps no other audit trail: the
 * record and its events are it). Keycloak and the database never disagree for long: a registration whose record does
 * not commit deletes its Keycloak client again; a new secret or a disabling asks Keycloak first, outside any
 * transaction, and records the change after it, so that Keycloak away changes nothing. Reads: {@link ApiClientQueries}.
 */
@ApplicationScoped
public class ApiClientService {

    /** Longer than the few Keycloak calls of one rotation can take, each bounded by atensi.partner.keycloak.timeout. */
    private static final Duration ROTATION_CLAIM = Duration.ofMinutes(2);

    private final KeycloakClients keycloak;
    private final EventOutbox outbox;
    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final IdempotencyKeys idempotencyKeys;
    private final Caller caller;
    private final Clock clock;
    private final PartnerQueries partners;
    private final ApiClientQueries queries;

    ApiClientService(KeycloakClients keycloak, EventOutbox outbox, EntityManager entityManager, TransactionSynchronizationRegistry transactions,
                     IdempotencyKeys idempotencyKeys, Caller caller, Clock clock, PartnerQueries partners, ApiClientQueries queries) {
        this.keycloak = keycloak;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.idempotencyKeys = idempotencyKeys;
        this.caller = caller;
        this.clock = clock;
        this.partners = partners;
        this.queries = queries;
    }

    /** What an administrator says of a new API client. */
    public record ApiClientDetails(String name, String description) {
    }

    /**
     * A client and the secret that goes with it, to be shown once. A replayed registration (same Idempotency-Key) has
     * no secret: it was shown to the first call only and is stored nowhere but in Keycloak.
     */
    public record Credentials(ApiClient client, String secret, boolean replayed) {
    }

    @Transactional
    public Credentials register(UUID partnerId, ApiClientDetails details, String idempotencyKey, String requestFingerprint) {
        AtomicReference<String> secret = new AtomicReference<>();
        IdempotencyKeys.Outcome outcome = idempotencyKeys.once(caller.name(), idempotencyKey, "register-api-client:" + partnerId, requestFingerprint,
                () -> {
                    ApiClient client = register(partnerId, details, secret);
                    return IdempotencyKeys.Outcome.created(client.id, null);
                });
        return new Credentials(queries.get(outcome.resourceId()), secret.get(), outcome.replayed());
    }

    private ApiClient register(UUID partnerId, ApiClientDetails details, AtomicReference<String> secret) {
        Partner partner = partners.read(partnerId);
        if (!partner.active()) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "partner " + partnerId + " is " + partner.status
                    + ": ATENSI no longer works with it, so it gets no API client");
        }
        ApiClient client = new ApiClient();
        client.id = UUID.randomUUID();
        client.partnerId = partner.id;
        client.keycloakClientId = ApiClient.keycloakClientIdOf(client.id);
        client.name = details.name().strip();
        client.description = PartnerService.blankToNull(details.description());
        client.status = ApiClientStatus.ACTIVE;
        client.createdAt = OffsetDateTime.now(clock);
        client.createdBy = caller.name();

        KeycloakClients.MadeClient made = keycloak.create(client.keycloakClientId, partner.legalName + ": " + client.name,
                client.description, partner.id);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    keycloak.deleteAfterFailure(made.keycloakId(), made.clientId());
                }
            }
        });
        client.keycloakId = made.keycloakId();
        client.persist();
        entityManager.flush();
        outbox.record(ApiClientRegisteredV1.of(client));
        secret.set(made.secret());
        return client;
    }

    /**
     * A new secret for an active client; the old one is refused by Keycloak from the moment this returns. Keycloak is
     * asked between two transactions, never inside one (see {@link #disableInKeycloak}). The first claims the rotation
     * for a while, so that two rotations of one client never run at once: with both in Keycloak, the secret shown to
     * the caller whose record commits might be the one Keycloak already replaced. The second records the rotation
     * unless the client was disabled meanwhile (409: the new secret is useless then, Keycloak having disabled the
     * client too).
     */
    public Credentials rotateSecret(UUID partnerId, UUID id, Long expectedVersion) {
        String keycloakId = QuarkusTransaction.requiringNew().call(() -> claimRotation(partnerId, id, expectedVersion));
        String secret;
        try {
            secret = keycloak.rotateSecret(keycloakId);
        } catch (RuntimeException e) {
            try {
                QuarkusTransaction.requiringNew().run(() -> releaseRotation(id));
            } catch (RuntimeException releaseFailed) {
                // The claim then lapses by itself; the caller is told of Keycloak, the failure it can act on.
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            releaseRotation(id);
            ApiClient client = queries.read(partnerId, id);
            requireTakesNewSecret(client);
            client.secretRotated(OffsetDateTime.now(clock), caller.name());
            Versions.flush(entityManager, "API client");
            outbox.record(ApiClientSecretRotatedV1.of(client));
            return new Credentials(client, secret, false);
        });
    }

    private String claimRotation(UUID partnerId, UUID id, Long expectedVersion) {
        ApiClient client = queries.read(partnerId, id);
        Versions.require("API client", client.version, expectedVersion);
        requireTakesNewSecret(client);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int claimed = entityManager.createNativeQuery("""
                        UPDATE api_client SET secret_rotation_claimed_until = :until
                        WHERE id = :id AND (secret_rotation_claimed_until IS NULL OR secret_rotation_claimed_until < :now)""")
                .setParameter("until", now.plus(ROTATION_CLAIM)).setParameter("id", id).setParameter("now", now)
                .executeUpdate();
        if (claimed == 0) {
            throw new ProblemException(ProblemCode.CONFLICT, "a new secret for API client " + id + " is being made right now; "
                    + "read the client again and retry if its secretRotatedAt did not change");
        }
        return client.keycloakId;
    }

    private void releaseRotation(UUID id) {
        entityManager.createNativeQuery("UPDATE api_client SET secret_rotation_claimed_until = NULL WHERE id = :id")
                .setParameter("id", id).executeUpdate();
    }

    private static void requireTakesNewSecret(ApiClient client) {
        if (!client.takesNewSecret()) {
            throw ProblemException.illegalTransition("the API client", client.status, ApiClientStatus.ACTIVE, client.allowedTransitions());
        }
    }

    /**
     * Keycloak issues the client no new token; tokens issued before live out their lifetime. Keycloak is asked between
     * two transactions, never inside one (see {@link #disableInKeycloak}): Keycloak away (503) changes nothing here.
     * If-Match is checked against the request as it arrived; the only change that can come in between is a new secret,
     * which disabling supersedes.
     */
    public ApiClient disable(UUID partnerId, UUID id, Long expectedVersion) {
        String keycloakId = QuarkusTransaction.requiringNew().call(() -> {
            ApiClient client = disableable(partnerId, id);
            Versions.require("API client", client.version, expectedVersion);
            return client.keycloakId;
        });
        keycloak.disable(keycloakId);
        return QuarkusTransaction.requiringNew().call(() -> {
            ApiClient client = disableable(partnerId, id);
            client.disable(OffsetDateTime.now(clock), caller.name());
            Versions.flush(entityManager, "API client");
            outbox.record(ApiClientDisabledV1.of(client));
            return client;
        });
    }

    private ApiClient disableable(UUID partnerId, UUID id) {
        ApiClient client = queries.read(partnerId, id);
        if (!client.allowedTransitions().contains(ApiClientStatus.DISABLED)) {
            throw ProblemException.illegalTransition("the API client", client.status, ApiClientStatus.DISABLED, client.allowedTransitions());
        }
        return client;
    }

    /** The Keycloak ids of the partner's clients still able to take tokens. */
    List<String> activeInKeycloak(UUID partnerId) {
        return ApiClient.<ApiClient>list("partnerId = ?1 and status = ?2", partnerId, ApiClientStatus.ACTIVE).stream()
                .map(client -> client.keycloakId).toList();
    }

    /**
     * Disables these clients in Keycloak, outside any transaction: a Keycloak call inside one runs partly on the REST
     * client's event-loop thread, and a rollback after its failure could not be relied on. Keycloak away: 503.
     */
    void disableInKeycloak(List<String> keycloakIds) {
        keycloakIds.forEach(keycloak::disable);
    }

    /**
     * Records as disabled, with its partner's deactivation, each of the partner's clients still active, as an admin
     * disabling it would (one event each): a deactivated organisation keeps no way into the platform.
     */
    void recordDisabledWithPartner(UUID partnerId, List<String> disabledInKeycloak, OffsetDateTime at) {
        List<ApiClient> active = ApiClient.list("partnerId = ?1 and status = ?2", partnerId, ApiClientStatus.ACTIVE);
        if (!disabledInKeycloak.containsAll(active.stream().map(client -> client.keycloakId).toList())) {
            throw new ProblemException(ProblemCode.CONFLICT, "an API client was registered for the partner while it was being"
                    + " deactivated; deactivate it again");
        }
        for (ApiClient client : active) {
            client.disable(at, caller.name());
            Versions.flush(entityManager, "API client");
            outbox.record(ApiClientDisabledV1.of(client));
        }
    }
}
