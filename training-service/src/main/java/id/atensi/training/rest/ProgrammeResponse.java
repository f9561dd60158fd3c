package id.atensi.training.rest;

import id.atensi.training.domain.Programme;
import id.atensi.training.domain.SkillArea;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

@Schema(name = "Programme")
public record ProgrammeResponse(UUID id, String title, String description, Set<SkillArea> skillAreas, OffsetDateTime createdAt) {

    static ProgrammeResponse of(Programme programme) {
        return new ProgrammeResponse(programme.id, programme.title, programme.description, Set.copyOf(programme.skillAreas),
                programme.createdAt);
    }
}
