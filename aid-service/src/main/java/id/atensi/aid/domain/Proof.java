package id.atensi.aid.domain;

import java.time.OffsetDateTime;

/** Proof that aid reached its recipient: who received it, when and where, and the stored photo or signature with its SHA-256. */
public record Proof(String receivedBy, OffsetDateTime receivedAt, String place, Double latitude, Double longitude,
                    String fileReference, String fileSha256) {
}
