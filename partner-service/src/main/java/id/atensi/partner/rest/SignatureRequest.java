package id.atensi.partner.rest;

import id.atensi.partner.domain.Signatory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(name = "SignatureRequest", description = "The parties signed: when, and who signed for whom")
public record SignatureRequest(
        @NotNull @Schema(examples = "2020-11-25") LocalDate signedOn,
        @NotEmpty @Size(max = 50) @Valid List<SignatoryRequest> signatories) {

    @Schema(name = "SignatoryRequest")
    public record SignatoryRequest(@NotBlank @Size(max = 200) String name, @Size(max = 200) @Schema(examples = "Director-General of Social Rehabilitation") String title,
                               @NotNull @Schema(description = "The partner or service unit signed for") UUID partyId) {
    }

    List<Signatory> toSignatories() {
        return signatories.stream().map(s -> new Signatory(s.name().strip(), s.title(), s.partyId())).toList();
    }
}
