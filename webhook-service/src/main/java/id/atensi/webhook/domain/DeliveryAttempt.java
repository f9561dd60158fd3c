package id.atensi.webhook.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One request of a delivery, as the delivery log shows it. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    /** From the table's own sequence, fifty at a time: a batch of attempts is inserted in one round trip. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_attempt_id")
    @SequenceGenerator(name = "delivery_attempt_id", sequenceName = "delivery_attempt_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "delivery_id", nullable = false)
    public UUID deliveryId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "attempted_at", nullable = false)
    public OffsetDateTime attemptedAt;

    /** ANSWERED, REFUSED, UNREACHABLE or TIMED_OUT, as platform-outbound-http reports it. */
    @Column(nullable = false)
    public String outcome;

    @Column(name = "status_code")
    public Integer statusCode;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    @Column(name = "response_excerpt")
    public String responseExcerpt;

    public String detail;
}
