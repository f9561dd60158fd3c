package id.atensi.training.service;

import id.atensi.commons.paging.Page;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.training.domain.Programme;
import id.atensi.training.domain.SkillArea;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/** Programmes: what a set of classes teaches. They hold no personal data, so every role may read them. */
@ApplicationScoped
public class ProgrammeService {

    private final Clock clock;

    ProgrammeService(Clock clock) {
        this.clock = clock;
    }

    public record ProgrammeDetails(String title, String description, Set<SkillArea> skillAreas) {
    }

    @Transactional
    public Programme create(ProgrammeDetails details) {
        Programme programme = new Programme();
        programme.id = UUID.randomUUID();
        programme.createdAt = Clocks.now(clock);
        apply(programme, details);
        programme.persist();
        return programme;
    }

    @Transactional
    public Programme update(UUID id, long expectedVersion, ProgrammeDetails details) {
        Programme.getEntityManager().createNativeQuery("SELECT id FROM programme WHERE id = :id FOR UPDATE").setParameter("id", id).getResultList();
        Programme programme = get(id);
        Versions.require("programme", programme.version, expectedVersion);
        apply(programme, details);
        Versions.flush(Programme.getEntityManager(), "programme");
        return programme;
    }

    public Programme get(UUID id) {
        return Programme.<Programme>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("programme", id));
    }

    public Page<Programme> list(SkillArea skillArea, int page, int size) {
        var query = skillArea == null
                ? Programme.<Programme>findAll(Sort.descending("createdAt"))
                : Programme.<Programme>find("select p from Programme p where :skillArea member of p.skillAreas order by p.createdAt desc",
                        Parameters.with("skillArea", skillArea));
        query.page(page, size);
        return new Page<>(query.list(), page, size, query.count());
    }

    private static void apply(Programme programme, ProgrammeDetails details) {
        programme.title = details.title().strip();
        programme.description = details.description();
        programme.skillAreas.clear();
        programme.skillAreas.addAll(details.skillAreas());
    }
}
