package id.atensi.beneficiary.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Two records that likely describe one person, for an officer to merge or dismiss. The pair is ordered (first < second). */
@Entity
@Table(name = "duplicate_candidate")
public class DuplicateCandidate extends PanacheEntityBase {

    /** An open pair is merged or dismissed once; a resolved one never changes again. */
    public enum Status {
        OPEN,
        MERGED,
        DISMISSED;

        public Set<Status> allowedTransitions() {
            return this == OPEN ? EnumSet.of(MERGED, DISMISSED) : EnumSet.noneOf(Status.class);
        }
    }

    @Id
    public UUID id;

    @Column(name = "first_id", nullable = false)
    public UUID firstId;

    @Column(name = "second_id", nullable = false)
    public UUID secondId;

    @Column(nullable = false)
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "detected_at", nullable = false)
    public OffsetDateTime detectedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Column(name = "survivor_id")
    public UUID survivorId;

    @Version
    public long version;
}
