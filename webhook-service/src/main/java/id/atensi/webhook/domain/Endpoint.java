package id.atensi.webhook.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A partner system's receiving URL, the event types it takes and the secrets its deliveries are signed with. */
@Entity
@Table(name = "endpoint")
public class Endpoint extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;

    @Column(nullable = false)
    public String url;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "event_types", nullable = false)
    public List<String> eventTypes = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EndpointStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "disabled_reason")
    public DisabledReason disabledReason;

    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;

    /** Requests in flight at once to this endpoint; null: the service's default. */
    @Column(name = "max_in_flight")
    public Integer maxInFlight;

    /** Encrypted at rest ({@link SecretCipher}), as is the previous one. */
    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public OffsetDateTime previousSecretExpiresAt;

    /** The first failure since the last success: the 5-day rule counts from here. */
    @Column(name = "failing_since")
    public OffsetDateTime failingSince;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** @param sealedSecret the signing secret as stored: encrypted ({@link SecretCipher}) */
    public static Endpoint register(UUID partnerId, String url, String description, List<String> eventTypes, OffsetDateTime now,
                                    String sealedSecret) {
        Endpoint endpoint = new Endpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.partnerId = partnerId;
        endpoint.url = url;
        endpoint.description = description;
        endpoint.eventTypes = new ArrayList<>(eventTypes);
        endpoint.status = EndpointStatus.ENABLED;
        endpoint.secret = sealedSecret;
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        return endpoint;
    }

    public boolean subscribesTo(String type) {
        return EventTypes.matches(eventTypes, type);
    }

    public boolean enabled() {
        return status == EndpointStatus.ENABLED;
    }

    /** A new secret signs from now on; the old one keeps signing too for {@code overlap}, so receivers can switch. */
    public void rotateSecret(OffsetDateTime now, Duration overlap, String sealedSecret) {
        previousSecret = secret;
        previousSecretExpiresAt = now.plus(overlap);
        secret = sealedSecret;
        updatedAt = now;
    }

    /** The secrets, as stored, a delivery made at {@code now} is signed with: the current one first. */
    public List<String> signingSecrets(OffsetDateTime now) {
        return signingSecrets(secret, previousSecret, previousSecretExpiresAt, now);
    }

    /** The same rule for an endpoint's stored secrets read without the entity. */
    public static List<String> signingSecrets(String secret, String previousSecret, OffsetDateTime previousSecretExpiresAt,
                                              OffsetDateTime now) {
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    public List<EndpointStatus> allowedTransitions() {
        return enabled() ? List.of(EndpointStatus.DISABLED) : List.of(EndpointStatus.ENABLED);
    }

    public void disable(DisabledReason reason, OffsetDateTime now) {
        status = EndpointStatus.DISABLED;
        disabledReason = reason;
        disabledAt = now;
        updatedAt = now;
    }

    /** Enabled again, the endpoint starts a fresh 5-day count. */
    public void enable(OffsetDateTime now) {
        status = EndpointStatus.ENABLED;
        disabledReason = null;
        disabledAt = null;
        failingSince = null;
        updatedAt = now;
    }

    /** Whether failing since {@link #failingSince} has lasted long enough to disable the endpoint. */
    public boolean failingTooLong(OffsetDateTime now, Duration limit) {
        return failingSince != null && failingTooLong(failingSince, now, limit);
    }

    /** The same rule for an endpoint failing since {@code failingSince}. */
    public static boolean failingTooLong(OffsetDateTime failingSince, OffsetDateTime now, Duration limit) {
        return !now.isBefore(failingSince.plus(limit));
    }
}
