package id.atensi.aid.domain;

/**
 * How a distribution is paid for: EXPLICIT, by the funding sources named in the proposal with their amounts (one
 * source for the whole total included); POOL, drawn from the programme's funding sources in their order when it is
 * approved.
 */
public enum FundingMode {
    EXPLICIT, POOL
}
