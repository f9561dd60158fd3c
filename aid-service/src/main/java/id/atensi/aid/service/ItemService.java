package id.atensi.aid.service;

import id.atensi.aid.domain.AidItem;
import id.atensi.aid.domain.ItemCategory;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import id.atensi.commons.rest.Versions;
import id.atensi.commons.time.ServiceClocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
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

    /** An item for the catalogue, at its unit value in rupiah. */
    public record NewItem(String code, String name, String unit, ItemCategory category, long amountIdr) {
    }

    @Transactional
    public AidItem create(NewItem command) {
        String code = command.code().strip();
        AidItem existing = AidItem.find("upper(code) = upper(?1)", code).firstResult();
        if (existing != null) {
            throw new ProblemException(ProblemCode.CONFLICT, "item code " + code + " is taken", List.of(),
                    Map.of("existingId", existing.id));
        }
        OffsetDateTime now = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
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

    /** Two changes sent with the same If-Match cannot both pass: the second one's update finds the version moved (412). */
    @Transactional
    public AidItem changePrice(UUID id, long expectedVersion, long amountIdr) {
        AidItem item = AidItem.<AidItem>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("item", id));
        Versions.require("item", item.version, expectedVersion);
        item.amountIdr = amountIdr;
        item.updatedAt = OffsetDateTime.now(ServiceClocks.SYSTEM_UTC);
        Versions.flush(entityManager, "item");
        return item;
    }
}
