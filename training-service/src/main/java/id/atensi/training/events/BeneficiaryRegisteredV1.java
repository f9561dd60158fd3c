package id.atensi.training.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The training service's reading of {@code atensi.beneficiary.registered.v1}: only the fields it uses.
 * Its own copy, not the producer's class, so that the services stay deployable on their own.
 */
public record BeneficiaryRegisteredV1(UUID beneficiaryId, String fullName, String status, OffsetDateTime registeredAt) {
}
