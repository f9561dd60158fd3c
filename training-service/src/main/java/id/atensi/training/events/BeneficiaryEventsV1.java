package id.atensi.training.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The training service's reading of the beneficiary service's events: only the fields it uses (names and the case
 * status, never NIK, KK number, phone or address). Its own copies, not the producer's classes, so that the services
 * stay deployable on their own.
 */
public final class BeneficiaryEventsV1 {

    private BeneficiaryEventsV1() {
    }

    /** {@code atensi.beneficiary.registered.v1}. */
    public record Registered(UUID beneficiaryId, String fullName, String status, OffsetDateTime registeredAt) {
    }

    /** {@code atensi.beneficiary.updated.v1}: the full current name, whether or not it changed. */
    public record Updated(UUID beneficiaryId, String fullName) {
    }

    /** {@code atensi.beneficiary.status-changed.v1}. */
    public record StatusChanged(UUID beneficiaryId, String toStatus) {
    }

    /** {@code atensi.beneficiary.merged.v1}: {@code beneficiaryId} turned out to be {@code survivorId}. */
    public record Merged(UUID beneficiaryId, UUID survivorId) {
    }


    /**
     * {@code atensi.beneficiary.erased.v1}: the person's personal data is to be gone; {@code pseudonym} stands for the
     * name from now on. {@code reason} is REQUEST or RETENTION.
     */
    public record Erased(UUID beneficiaryId, String pseudonym, OffsetDateTime erasedAt, String reason) {
    }
}
