package id.atensi.aid.service;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.DistributionStatus;
import id.atensi.aid.domain.Proof;
import id.atensi.aid.domain.ProofFile;
import id.atensi.aid.domain.ProofFileType;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.time.ServiceClocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Proof files: stored for a dispatched distribution by whoever may record its delivery, and turned into the file
 * reference and checksum of the delivery's proof. The service computes the checksum from the bytes it stores, so a
 * proof that names an upload is checked against what was received, not against what a client says it sent.
 */
@ApplicationScoped
public class ProofFileService {

    private final AidAccess access;

    ProofFileService(AidAccess access) {
        this.access = access;
    }

    /**
     * @param declaredType the request's Content-Type; it must be one of {@link ProofFileType}'s and agree with the
     *                     file's first bytes (415 otherwise)
     * @param content      the whole file, already held to the size limit by the resource
     */
    @Transactional
    public ProofFile upload(UUID distributionId, String declaredType, byte[] content) {
        Distribution distribution = access.changes(Distribution.<Distribution>findById(distributionId), distributionId);
        if (content.length == 0) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields",
                    List.of(new Problem.FieldError("body", "must be the photo or document, not empty")), Map.of());
        }
        ProofFileType declared = ProofFileType.ofMediaType(declaredType).orElseThrow(() -> new ProblemException(
                ProblemCode.UNSUPPORTED_MEDIA_TYPE, "a proof file is image/jpeg, image/png or application/pdf, not " + declaredType));
        ProofFileType actual = ProofFileType.sniff(content).orElseThrow(() -> new ProblemException(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                "the file is not a JPEG, PNG or PDF: its first bytes are none of theirs"));
        if (actual != declared) {
            throw new ProblemException(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "the file is declared " + declared.mediaType()
                    + " but its first bytes are those of " + actual.mediaType(), List.of(), Map.of("detectedType", actual.mediaType()));
        }
        if (distribution.status != DistributionStatus.DISPATCHED) {
            throw new ProblemException(ProblemCode.CONFLICT, "distribution " + distributionId + " is " + distribution.status
                    + ": proof files are taken while it is DISPATCHED, before its delivery is recorded", List.of(),
                    Map.of("currentStatus", distribution.status.name()));
        }
        ProofFile file = new ProofFile();
        file.id = UUID.randomUUID();
        file.distributionId = distributionId;
        file.contentType = actual.mediaType();
        file.sizeBytes = content.length;
        file.sha256 = sha256(content);
        file.content = content;
        file.uploadedBy = access.name();
        file.uploadedAt = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        file.persist();
        return file;
    }

    /**
     * The proof of a delivery with the uploaded file as its reference and checksum. The file must be one uploaded for
     * this distribution (422 unknown-proof-file otherwise, alike for one of another distribution, so that no file id
     * of elsewhere is confirmed); a checksum the client sent as well must be the stored file's (422
     * proof-checksum-mismatch).
     */
    Proof withFile(UUID distributionId, UUID proofFileId, Proof given) {
        List<?> rows = ProofFile.getEntityManager()
                .createQuery("select f.sha256 from ProofFile f where f.id = :id and f.distributionId = :distribution")
                .setParameter("id", proofFileId).setParameter("distribution", distributionId).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "proof file " + proofFileId + " was not uploaded for distribution "
                    + distributionId, List.of(new Problem.FieldError("proof.proofFileId", "is not a proof file of this distribution")),
                    Map.of("rule", "unknown-proof-file"));
        }
        String stored = (String) rows.get(0);
        if (given.fileSha256() != null && !given.fileSha256().equals(stored)) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "fileSha256 is not the SHA-256 of proof file " + proofFileId
                    + " as received", List.of(new Problem.FieldError("proof.fileSha256", "does not match the uploaded file")),
                    Map.of("rule", "proof-checksum-mismatch", "storedSha256", stored));
        }
        return new Proof(given.receivedBy(), given.receivedAt(), given.place(), given.latitude(), given.longitude(),
                ProofFile.reference(distributionId, proofFileId), stored);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
