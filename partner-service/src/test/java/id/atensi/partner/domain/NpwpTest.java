package id.atensi.partner.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpwpTest {

    @Test
    void fifteenDigitNpwpIsAcceptedFormattedOrBare() {
        assertTrue(Npwp.problem("01.000.013.1-093.000").isEmpty());
        assertTrue(Npwp.problem("010000131093000").isEmpty());
        assertEquals("010000131093000", Npwp.normalise(" 01.000.013.1-093.000 ").orElseThrow());
    }

    @Test
    void theUnpublishedNinthDigitCheckIsNotEnforced() {
        // The session-1 rule treated the 9th digit as a Luhn digit of the first eight; DJP never published that
        // algorithm, and real numbers (here one whose 9th digit is not that Luhn digit) must not be refused.
        assertTrue(Npwp.problem("01.000.013.2-093.000").isEmpty());
        assertTrue(Npwp.problem("02.345.678.9-012.345").isEmpty());
    }

    @Test
    void sixteenDigitNpwpOfAnOrganisationIsAZeroBeforeItsFifteenDigits() {
        assertTrue(Npwp.problem("0010000131093000").isEmpty());
        assertEquals("0010000131093000", Npwp.normalise("0010000131093000").orElseThrow());
    }

    @Test
    void sixteenDigitsNotStartingWithZeroAreAPersonsNikAndRefused() {
        assertTrue(Npwp.problem("3201014508900001").orElseThrow().contains("NIK"));
    }

    @Test
    void otherLengthsAreRefused() {
        assertTrue(Npwp.problem("01000013109300").orElseThrow().contains("15 digits"));
        assertTrue(Npwp.problem("00100001310930001").orElseThrow().contains("15 digits"));
    }

    @Test
    void onlyTheOfficialPunctuationAndNoLettersAreAccepted() {
        assertTrue(Npwp.normalise("01-000-013-1-093-000").isEmpty());
        assertTrue(Npwp.normalise("01.000.013.1.093.000").isEmpty());
        assertTrue(Npwp.normalise("0010.0001.3109.3000").isEmpty());
        assertTrue(Npwp.problem("01000013109300A").isPresent());
    }
}
