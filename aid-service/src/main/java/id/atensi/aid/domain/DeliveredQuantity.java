package id.atensi.aid.domain;

/** How many units of the line at {@code position} (from 1) arrived. */
public record DeliveredQuantity(int position, long quantity) {
}
