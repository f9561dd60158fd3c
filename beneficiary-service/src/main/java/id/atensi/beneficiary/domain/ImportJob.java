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

/** A bulk import of people from a CSV, XLSX or JSON-lines file, with its progress, registered a chunk of rows at a time. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    public enum Format {
        CSV,
        XLSX,
        JSONL
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Format format;

    /** SHA-256 of the file as uploaded. */
    @Column(name = "file_sha256")
    public String fileSha256;

    /** Where the file waits until the job is done. */
    @Column(name = "spool_file")
    public String spoolFile;

    /** The file's columns (for JSON lines, every field a record may have). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] header;

    /** Chunks committed so far; which lines they covered is in {@code import_chunk}, read by a resumed job. */
    public int chunks;

    /** Jobs started before chunks were written in parallel: every line up to this one is committed. */
    @Column(name = "line_reached")
    public int lineReached;

    /** The run holding the job; a chunk of another run does not commit. */
    public UUID worker;

    @Column(name = "progressed_at")
    public OffsetDateTime progressedAt;

    /** When a worker last showed it holds the job; a RUNNING job without one for the lease is taken over. */
    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    /** Why a job FAILED (never a row's content). */
    public String failure;

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

    /** The W3C trace context of the upload, for the events of every chunk, or null when the upload had none. */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
