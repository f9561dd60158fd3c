package id.atensi.training.rest;

import id.atensi.training.domain.SkillArea;
import id.atensi.training.service.ProgrammeService;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;

@Schema(name = "ProgrammeRequest", description = "A programme to create, or its new content")
public record ProgrammeRequest(
        @NotBlank @Size(max = 200) @Schema(examples = "PENA workshop, Sentra Mulya Jaya 2024") String title,
        @Size(max = 2000) String description,
        @NotEmpty @Schema(examples = "[\"COOKING\", \"SEWING\"]") Set<@NotNull SkillArea> skillAreas) {

    ProgrammeService.ProgrammeDetails details() {
        return new ProgrammeService.ProgrammeDetails(title, description, skillAreas);
    }
}
