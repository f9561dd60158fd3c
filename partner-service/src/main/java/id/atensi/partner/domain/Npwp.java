package id.atensi.partner.domain;

import java.util.Optional;

/**
 * The tax number (NPWP) of an organisation, in the two forms in use:
 * <ul>
 *   <li>the 15-digit number issued until 2024, plain or written {@code 01.000.013.1-093.000};</li>
 *   <li>the 16-digit number of PMK 112/2022 (in use since 2024): for an organisation, a government body or a
 *       non-resident a {@code 0} followed by its 15-digit number; for a resident person the NIK itself.</li>
 * </ul>
 * Only the published rules are checked: length, digits and the official punctuation. The 9th digit of the 15-digit
 * number is a check digit whose algorithm the tax office (DJP) has never published, so it is not verified here: a
 * guessed checksum would refuse real numbers. Partners are organisations, so a NIK-form number (16 digits not
 * starting with 0) is refused; it would also bring a person's NIK into this service and its events.
 */
public final class Npwp {

    private static final String FORMATTED_15 = "\\d{2}\\.\\d{3}\\.\\d{3}\\.\\d-\\d{3}\\.\\d{3}";

    private Npwp() {
    }

    /** @return the number as digits only, when it is written in one of the accepted forms */
    public static Optional<String> normalise(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String value = written.strip();
        if (value.matches(FORMATTED_15)) {
            value = value.replace(".", "").replace("-", "");
        }
        return value.matches("\\d{15}|\\d{16}") ? Optional.of(value) : Optional.empty();
    }

    /** @return what is wrong with the number as an organisation's NPWP; empty when it is valid */
    public static Optional<String> problem(String written) {
        Optional<String> digits = normalise(written);
        if (digits.isEmpty()) {
            return Optional.of("must be 15 digits (plain or as 99.999.999.9-999.999) or 16 digits");
        }
        if (digits.get().length() == 16 && digits.get().charAt(0) != '0') {
            return Optional.of("a 16-digit NPWP of an organisation starts with 0 (0 and its 15-digit NPWP); "
                    + "16 digits not starting with 0 are a person's NIK, which is not an organisation's tax number");
        }
        return Optional.empty();
    }
}
