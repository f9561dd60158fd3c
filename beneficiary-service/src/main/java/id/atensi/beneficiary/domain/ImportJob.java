package id.atensi.beneficiary.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A bulk import of people from a CSV file, with its progress. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public int total;
    public int done;
    public int registered;
    public int unchanged;
    public int rejected;

    /** The partner that uploaded the file (its people), or null for staff. */
    @Column(name = "partner_id")
    public UUID partnerId;

    /** The unit of the officer that uploaded the file: the people it registers are served there. */
    @Column(name = "service_unit_id")
    public UUID serviceUnitId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
