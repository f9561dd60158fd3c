package id.atensi.partner.rest;

import id.atensi.partner.service.ServiceUnitService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(name = "LinkPartnersRequest", description = "Partners to add to a unit's network, all in one go")
public record LinkPartnersRequest(@NotEmpty @Size(max = 200) @Valid List<Link> partners) {

    @Schema(name = "PartnerLinkRequest")
    public record Link(
            @NotNull UUID partnerId,
            @NotNull @Schema(examples = "2020-11-10") LocalDate since,
            @NotBlank @Size(max = 500) @Schema(description = "What they work on together", examples = "Rehabilitation of persons with mental disabilities") String focus,
            @Size(max = 4000) @Schema(description = "Track record", examples = "Ran family-support groups in Sukabumi since 2015") String notes) {
    }

    List<ServiceUnitService.NewLink> toLinks() {
        return partners.stream().map(link -> new ServiceUnitService.NewLink(link.partnerId(), link.since(), link.focus(), link.notes())).toList();
    }
}
