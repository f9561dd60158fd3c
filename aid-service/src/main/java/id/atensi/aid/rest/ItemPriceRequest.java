package id.atensi.aid.rest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An item's new unit value, for distributions proposed afterwards. */
@Schema(name = "ItemPriceRequest")
public record ItemPriceRequest(@NotNull @Min(value = 1, message = "must be at least 1 rupiah") Long amountIdr) {
}
