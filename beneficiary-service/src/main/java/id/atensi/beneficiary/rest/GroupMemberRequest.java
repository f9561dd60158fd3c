package id.atensi.beneficiary.rest;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

public record GroupMemberRequest(@NotNull UUID beneficiaryId) {
}
