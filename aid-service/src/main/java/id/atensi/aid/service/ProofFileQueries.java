package id.atensi.aid.service;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.ProofFile;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A distribution's proof files, for whoever may read the distribution (a partner: only those it channels; an officer:
 * its unit's and those of no unit). A proof photo shows the person who received the aid: a partner sees the files of a
 * person's distribution only while that person consents to PARTNER_SHARING, as it sees the proof's fileReference.
 */
@ApplicationScoped
public class ProofFileQueries {

    private final AidAccess access;
    private final PartnerSharing sharing;

    ProofFileQueries(AidAccess access, PartnerSharing sharing) {
        this.access = access;
        this.sharing = sharing;
    }

    /** A stored file without its bytes. */
    public record Stored(UUID id, UUID distributionId, String contentType, long sizeBytes, String sha256, String uploadedBy,
                         OffsetDateTime uploadedAt) {

        public static Stored of(ProofFile file) {
            return new Stored(file.id, file.distributionId, file.contentType, file.sizeBytes, file.sha256, file.uploadedBy, file.uploadedAt);
        }

        public String reference() {
            return ProofFile.reference(distributionId, id);
        }
    }

    /** Oldest first; the bytes are not read. */
    public List<Stored> list(UUID distributionId) {
        readable(distributionId);
        return ProofFile.getEntityManager().createQuery("""
                        select f.id, f.contentType, f.sizeBytes, f.sha256, f.uploadedBy, f.uploadedAt
                        from ProofFile f where f.distributionId = :distribution order by f.uploadedAt, f.id""", Object[].class)
                .setParameter("distribution", distributionId).getResultStream()
                .map(row -> new Stored((UUID) row[0], distributionId, (String) row[1], (Long) row[2], (String) row[3], (String) row[4],
                        (OffsetDateTime) row[5]))
                .toList();
    }

    public ProofFile download(UUID distributionId, UUID fileId) {
        readable(distributionId);
        ProofFile file = ProofFile.findById(fileId);
        if (file == null || !file.distributionId.equals(distributionId)) {
            throw ProblemException.notFound("proof file", fileId);
        }
        return file;
    }

    private void readable(UUID distributionId) {
        Distribution distribution = access.reads(Distribution.<Distribution>findById(distributionId), distributionId);
        Set<UUID> withheld = sharing.withheld(List.of(distribution));
        if (!withheld.isEmpty()) {
            throw new ProblemException(ProblemCode.FORBIDDEN, "the recipient has not consented to share personal data with partners,"
                    + " and a proof file shows them", List.of(), Map.of("rule", "personal-data-withheld"));
        }
    }
}
