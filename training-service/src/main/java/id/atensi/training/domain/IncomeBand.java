package id.atensi.training.domain;

/** Monthly income in rupiah, in bands: follow-ups rarely know the exact figure. */
public enum IncomeBand {
    NONE,
    UNDER_1M,
    FROM_1M_TO_3M,
    FROM_3M_TO_5M,
    OVER_5M
}
