package id.atensi.aid.rest;

import id.atensi.aid.domain.AidItem;
import id.atensi.aid.domain.ItemCategory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A catalogue item with its current unit value in rupiah. */
@Schema(name = "Item")
public record ItemResponse(UUID id, String code, String name, String unit, ItemCategory category, long amountIdr, long version,
                           OffsetDateTime updatedAt) {

    static ItemResponse of(AidItem i) {
        return new ItemResponse(i.id, i.code, i.name, i.unit, i.category, i.amountIdr, i.version, i.updatedAt);
    }
}
