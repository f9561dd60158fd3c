package id.atensi.webhook.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One event for one endpoint. Its id is the {@code webhook-id}: the same on every attempt and replay. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Filled by the database: the order of consumption, which per aggregate is the order of commits. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "endpoint_id", nullable = false)
    public UUID endpointId;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "ordering_key", nullable = false)
    public String orderingKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    /** Attempts made in this round: a replay starts a new round of the schedule. */
    @Column(name = "retry_step", nullable = false)
    public int retryStep;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "last_attempt_at")
    public OffsetDateTime lastAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    public static Delivery of(UUID endpointId, WebhookEvent event, OffsetDateTime now) {
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.endpointId = endpointId;
        delivery.eventId = event.id;
        delivery.eventType = event.type;
        delivery.orderingKey = event.subject == null ? event.id : event.subject;
        delivery.status = DeliveryStatus.PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        return delivery;
    }

    /** Sent again from the start of the schedule, under the same webhook-id. */
    public void replay(OffsetDateTime now) {
        status = DeliveryStatus.PENDING;
        retryStep = 0;
        nextAttemptAt = now;
        leaseUntil = null;
    }
}
