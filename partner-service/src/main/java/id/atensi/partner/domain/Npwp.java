package id.atensi.partner.domain;

import java.util.Optional;

/**
 * The tax number (NPWP) of an organisation. Accepted forms:
 * <ul>
 *   <li>15 digits, the format issued until 2024, plain or written {@code 01.000.013.1-093.000};</li>
 *   <li>16 digits, the format of PMK 112/2022: for an organisation a {@code 0} followed by its 15-digit number.</li>
 * </ul>
 * In both, the ninth digit of the 15-digit number is a Luhn check digit over the eight before it, which
 * catches a mistyped or transposed digit. A 16-digit number not starting with {@code 0} is a person's NIK
 * used as NPWP, which is not an organisation's and is refused.
 */
public final class Npwp {

    private Npwp() {
    }

    /** @return the number as digits only, when it is written in one of the accepted forms */
    public static Optional<String> normalise(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String value = written.strip();
        if (value.matches("\\d{2}\\.\\d{3}\\.\\d{3}\\.\\d-\\d{3}\\.\\d{3}")) {
            value = value.replace(".", "").replace("-", "");
        }
        return value.matches("\\d{15}|\\d{16}") ? Optional.of(value) : Optional.empty();
    }

    /** @return what is wrong with the number; empty when it is valid */
    public static Optional<String> problem(String written) {
        Optional<String> digits = normalise(written);
        if (digits.isEmpty()) {
            return Optional.of("must be 15 digits (plain or as 99.999.999.9-999.999) or 16 digits");
        }
        String number = digits.get();
        if (number.length() == 16) {
            if (number.charAt(0) != '0') {
                return Optional.of("a 16-digit NPWP of an organisation starts with 0; this looks like a person's NIK");
            }
            number = number.substring(1);
        }
        if (luhnCheckDigit(number.substring(0, 8)) != number.charAt(8) - '0') {
            return Optional.of("the check digit (9th digit of the 15-digit number) does not match; a digit is mistyped");
        }
        return Optional.empty();
    }

    static int luhnCheckDigit(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            int digit = payload.charAt(payload.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }
}
