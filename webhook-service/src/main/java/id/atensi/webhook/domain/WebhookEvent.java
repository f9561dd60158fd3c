package id.atensi.webhook.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An event as consumed, kept while deliveries of it exist; bodies are built from it at each attempt. */
@Entity
@Table(name = "webhook_event")
public class WebhookEvent extends PanacheEntityBase {

    /** The CloudEvent id. */
    @Id
    public String id;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    public String subject;

    @Column(nullable = false)
    public OffsetDateTime time;

    /** The event's data as JSON, without personal numbers (and without personal fields once the person is erased). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String data;

    @Column(name = "beneficiary_id")
    public UUID beneficiaryId;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
}
