package id.atensi.aid.domain;

import java.util.List;
import java.util.UUID;

/**
 * Why a distribution does not fit its programme's budget now.
 *
 * @param amountIdr    the distribution's total
 * @param remainingIdr what is left on the sources it would draw on: the whole programme for the pool, the named sources
 *                     for an explicit split
 * @param shortfallIdr how much more those sources would need to hold
 * @param sources      for an explicit split, each named source that cannot pay its share; empty for the pool
 */
public record BudgetShortfall(long amountIdr, long remainingIdr, long shortfallIdr, List<SourceShortfall> sources) {

    /** A named funding source that cannot pay its share. */
    public record SourceShortfall(UUID fundingSourceId, long amountIdr, long remainingIdr, long shortfallIdr) {
    }
}
