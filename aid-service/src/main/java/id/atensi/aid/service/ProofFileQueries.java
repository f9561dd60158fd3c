package id.atensi.aid.service;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.ProofFile;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Collection;
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
        return storedFor(List.of(distributionId));
    }

    /** The files of these distributions, without bytes and without an access check: for a caller already found to reach them. */
    List<Stored> storedFor(Collection<UUID> distributionIds) {
        if (distributionIds.isEmpty()) {
            return List.of();
        }
        return ProofFile.getEntityManager().createQuery("""
                        select f.id, f.distributionId, f.contentType, f.sizeBytes, f.sha256, f.uploadedBy, f.uploadedAt
                        from ProofFile f where f.distributionId in :distributions order by f.uploadedAt, f.id""", Object[].class)
                .setParameter("distributions", distributionIds).getResultStream()
                .map(row -> new Stored((UUID) row[0], (UUID) row[1], (String) row[2], (Long) row[3], (String) row[4], (String) row[5],
                        (OffsetDateTime) row[6]))
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
