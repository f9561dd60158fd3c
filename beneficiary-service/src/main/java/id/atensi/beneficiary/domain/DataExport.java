package id.atensi.beneficiary.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A copy of everything the platform holds on one person, gathered from every service that holds some (a job). */
@Entity
@Table(name = "data_export")
public class DataExport extends PanacheEntityBase {

    public enum Status { RUNNING, DONE, FAILED }

    @Id
    public UUID id;

    @Column(name = "beneficiary_id", nullable = false)
    public UUID beneficiaryId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Services whose part is in, of {@link #partsTotal}: the job's progress. */
    @Column(name = "parts_done", nullable = false)
    public int partsDone;

    @Column(name = "parts_total", nullable = false)
    public int partsTotal;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String document;

    /** Which service's part could not be had, and why; never personal data. */
    public String failure;
}
