package id.atensi.training.service;

/**
 * A record as the caller may see it: {@code personalDataWithheld} when the caller is a partner and the person has not
 * consented to PARTNER_SHARING, so that the response leaves the person's personal fields out.
 */
public record Disclosed<T>(T value, boolean personalDataWithheld) {
}
