package id.atensi.partner.rest;

import id.atensi.partner.service.ServiceUnitService;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "LinkDetailsRequest", description = "The whole of what a unit records of its work with a partner")
public record LinkDetailsRequest(
        @NotNull @Schema(examples = "2020-11-10") LocalDate since,
        @NotBlank @Size(max = 500) @Schema(description = "What they work on together", examples = "Rehabilitation of persons with mental disabilities") String focus,
        @Size(max = 4000) @Schema(description = "Track record", examples = "Ran family-support groups in Sukabumi since 2015") String notes) {

    ServiceUnitService.LinkDetails toDetails() {
        return new ServiceUnitService.LinkDetails(since, focus, notes);
    }
}
