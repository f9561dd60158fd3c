package id.atensi.aid.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A photo or document uploaded as proof of a distribution's delivery, with the SHA-256 the service computed of it.
 * Written once and never changed (so no version); removed when its recipient is erased.
 */
@Entity
@Table(name = "proof_file")
public class ProofFile extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "distribution_id", nullable = false)
    public UUID distributionId;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String sha256;

    @Column(nullable = false)
    public byte[] content;

    @Column(name = "uploaded_by", nullable = false)
    public String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    public OffsetDateTime uploadedAt;

    /** Where the file is read back: what a delivery's proof names as its fileReference. */
    public String reference() {
        return reference(distributionId, id);
    }

    public static String reference(UUID distributionId, UUID id) {
        return "/api/v1/aid/distributions/" + distributionId + "/proof-files/" + id;
    }
}
