package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.Relationship;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** A person of the household and how they are related to its head. */
public record HouseholdMemberRequest(@NotNull UUID beneficiaryId, @NotNull Relationship relationship) {
}
