package id.atensi.training.rest;

import id.atensi.commons.rest.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Calendar-date query parameters, read here so that a bad one answers 400 naming it (JAX-RS would answer 404). */
final class Dates {

    private Dates() {
    }

    static LocalDate parse(String parameter, String value) {
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
