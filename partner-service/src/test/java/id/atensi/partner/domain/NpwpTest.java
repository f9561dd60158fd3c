package id.atensi.partner.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpwpTest {

    @Test
    void publishedNpwpsOfLargeCompaniesPassTheCheckDigit() {
        // Pertamina, Bank Rakyat Indonesia, Unilever Indonesia: their 9th digit is the Luhn digit of the first eight.
        assertTrue(Npwp.problem("01.000.013.1-093.000").isEmpty());
        assertTrue(Npwp.problem("010016087093000").isEmpty());
        assertTrue(Npwp.problem("01.001.632.7-092.000").isEmpty());
    }

    @Test
    void aSingleMistypedDigitFailsTheCheck() {
        assertTrue(Npwp.problem("01.000.018.1-093.000").orElseThrow().contains("check digit"));
    }

    @Test
    void sixteenDigitsAreAnOrganisationsNumberBehindAZero() {
        assertTrue(Npwp.problem("0010000131093000").isEmpty());
        assertTrue(Npwp.problem("3201014508900001").orElseThrow().contains("starts with 0"));
    }

    @Test
    void onlyTheOfficialPunctuationIsAccepted() {
        assertEquals("010000131093000", Npwp.normalise(" 01.000.013.1-093.000 ").orElseThrow());
        assertTrue(Npwp.normalise("01-000-013-1-093-000").isEmpty());
        assertTrue(Npwp.problem("01000013109300").orElseThrow().contains("15 digits"));
    }
}
