package id.atensi.commons.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Calendar-date query parameters (report periods), taken as text and read here so that a bad one answers 400 naming
 * the parameter: bound as {@code LocalDate} by JAX-RS, it would answer 404.
 */
public final class DateParameters {

    private DateParameters() {
    }

    /** The date, or null when the parameter is absent or blank. */
    public static LocalDate parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(parameter, "must be a date, YYYY-MM-DD");
        }
    }
}
