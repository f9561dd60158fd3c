package id.atensi.aid.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The aid service's reading of the beneficiary service's v1 events: only the fields it uses. Its own copies, not the
 * producer's classes, so that the services stay deployable on their own; fields added later are ignored.
 */
public final class BeneficiaryEventsV1 {

    private BeneficiaryEventsV1() {
    }

    public record Registered(UUID beneficiaryId, String fullName, String status, OffsetDateTime registeredAt,
                             UUID serviceUnitId, String provinceCode, String regencyCode) {
    }

    public record Updated(UUID beneficiaryId, String fullName, UUID serviceUnitId, String provinceCode, String regencyCode) {
    }

    public record StatusChanged(UUID beneficiaryId, String toStatus) {
    }

    public record Merged(UUID beneficiaryId, UUID survivorId) {
    }

    /** household.registered/updated and group.registered/updated: the full current state, so the read model overwrites. */
    public record Collective(UUID householdId, UUID groupId, UUID serviceUnitId, String provinceCode, String regencyCode,
                             Boolean active) {
    }


    /**
     * {@code atensi.beneficiary.erased.v1}: the person's personal data is to be gone; {@code pseudonym} stands for the
     * name from now on. {@code reason} is REQUEST or RETENTION.
     */
    public record Erased(UUID beneficiaryId, String pseudonym, OffsetDateTime erasedAt, String reason) {
    }
}
