package id.atensi.aid.domain;

import java.util.UUID;

/** How one share of a distribution ended: what its funding source paid for delivered aid, and what went back to it. */
public record Settlement(UUID fundingSourceId, long amountIdr, long deliveredIdr, long releasedIdr) {
}
