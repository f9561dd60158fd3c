package id.atensi.aid.service;

import id.atensi.aid.domain.AidItem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The item catalogue. A price change applies to distributions proposed afterwards only. */
@ApplicationScoped
public class ItemService {

    private final EntityManager entityManager;

    ItemService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public AidItem create(Commands.NewItem command) {
        String code = command.code().strip();
        AidItem existing = AidItem.find("upper(code) = upper(?1)", code).firstResult();
        if (existing != null) {
            throw new ProblemException(ProblemCode.CONFLICT, "item code " + code + " is taken", List.of(),
                    Map.of("existingId", existing.id));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AidItem item = new AidItem();
        item.id = UUID.randomUUID();
        item.code = code;
        item.name = command.name().strip();
        item.unit = command.unit().strip();
        item.category = command.category();
        item.amountIdr = command.amountIdr();
        item.createdAt = now;
        item.updatedAt = now;
        item.persistAndFlush();
        return item;
    }

    @Transactional
    public AidItem changePrice(UUID id, long expectedVersion, long amountIdr) {
        // Locked, so that two changes sent with the same If-Match cannot both pass the version check.
        if (entityManager.createNativeQuery("SELECT id FROM aid_item WHERE id = :id FOR UPDATE").setParameter("id", id).getResultList().isEmpty()) {
            throw ProblemException.notFound("item", id);
        }
        AidItem item = AidItem.findById(id);
        entityManager.refresh(item);
        if (item.version != expectedVersion) {
            throw new ProblemException(ProblemCode.PRECONDITION_FAILED, "item " + id + " changed since version " + expectedVersion
                    + "; read it again", List.of(), Map.of("currentVersion", item.version));
        }
        item.amountIdr = amountIdr;
        item.version++;
        item.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return item;
    }
}
