package id.atensi.aid.rest;

import id.atensi.aid.domain.ItemCategory;
import id.atensi.aid.service.ItemService;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An item to add to the national catalogue. */
@Schema(name = "ItemRequest")
public record ItemRequest(
        @NotBlank @Size(max = 50) String code,
        @NotBlank @Size(max = 300) String name,
        @NotBlank @Size(max = 50) String unit,
        @NotNull ItemCategory category,
        @NotNull @Min(value = 1, message = "must be at least 1 rupiah") Long amountIdr) {

    ItemService.NewItem toNewItem() {
        return new ItemService.NewItem(code, name, unit, category, amountIdr);
    }
}
