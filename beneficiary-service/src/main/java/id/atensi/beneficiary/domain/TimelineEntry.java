package id.atensi.beneficiary.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Something that happened to a person: its own changes, or what another service reported by event. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "beneficiary_id", nullable = false)
    public UUID beneficiaryId;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    /** e.g. registered, updated, status-changed, assessed, consent-changed, training.enrolled, aid.delivered */
    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String summary;

    /** beneficiary, training or aid */
    @Column(nullable = false)
    public String source;

    /** The id of what the entry is about in its source (an enrolment, a delivery…), when there is one. */
    @Column(name = "reference_id")
    public String referenceId;

    /** Insertion order, to order entries of one instant. */
    @Column(insertable = false, updatable = false)
    public Long seq;
}
