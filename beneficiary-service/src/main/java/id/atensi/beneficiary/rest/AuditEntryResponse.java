package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.PersonalDataAccess;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "PersonalDataAccess", description = "One response that showed a person's personal data unmasked")
public record AuditEntryResponse(UUID id, OffsetDateTime accessedAt, String accessedBy, List<String> roles, UUID beneficiaryId,
                                 List<String> fields, @Schema(examples = "read") String action, String requestId) {

    static AuditEntryResponse of(PersonalDataAccess access) {
        return new AuditEntryResponse(access.id, access.accessedAt, access.accessedBy, List.of(access.roles.split(",")),
                access.beneficiaryId, List.of(access.fields.split(",")), access.action, access.requestId);
    }
}
