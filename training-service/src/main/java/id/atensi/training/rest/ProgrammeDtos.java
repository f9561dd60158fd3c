package id.atensi.training.rest;

import id.atensi.training.domain.Programme;
import id.atensi.training.domain.SkillArea;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** The programme resource's bodies. */
public final class ProgrammeDtos {

    private ProgrammeDtos() {
    }

    @Schema(name = "ProgrammeRequest", description = "A programme to create, or its new content")
    public record ProgrammeRequest(
            @NotBlank @Size(max = 200) @Schema(examples = "PENA workshop, Sentra Mulya Jaya 2024") String title,
            @Size(max = 2000) String description,
            @NotEmpty @Schema(examples = "[\"COOKING\", \"SEWING\"]") Set<@NotNull SkillArea> skillAreas) {
    }

    @Schema(name = "Programme")
    public record ProgrammeResponse(UUID id, String title, String description, Set<SkillArea> skillAreas, OffsetDateTime createdAt) {

        static ProgrammeResponse of(Programme programme) {
            return new ProgrammeResponse(programme.id, programme.title, programme.description, Set.copyOf(programme.skillAreas),
                    programme.createdAt);
        }
    }
}
