package id.atensi.partner.rest;

import id.atensi.partner.service.ApiClientService;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ApiClientRequest", description = "A partner system that is to take tokens as its partner")
public record ApiClientRequest(
        @NotBlank @Size(max = 100) @Schema(examples = "Sistem informasi LKS Peduli Anak") String name,
        @Size(max = 500) @Schema(examples = "Reports residents' progress every night") String description) {

    ApiClientService.ApiClientDetails toDetails() {
        return new ApiClientService.ApiClientDetails(name, description);
    }
}
