package id.atensi.aid.domain;

import java.util.UUID;

/** What one funding source pays of a distribution, in rupiah. */
public record Share(UUID fundingSourceId, long amountIdr) {
}
