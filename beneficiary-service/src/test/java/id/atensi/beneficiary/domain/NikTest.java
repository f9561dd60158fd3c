package id.atensi.beneficiary.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NikTest {

    private static final LocalDate AUGUST_5_1990 = LocalDate.of(1990, 8, 5);

    @Test
    void womansNikCarriesTheBirthDayPlusForty() {
        assertEquals(List.of(), Nik.problems("3201014508900001", AUGUST_5_1990, Sex.FEMALE));
    }

    @Test
    void mansNikCarriesThePlainBirthDay() {
        assertEquals(List.of(), Nik.problems("3201010508900001", AUGUST_5_1990, Sex.MALE));
    }

    @Test
    void womanWithAMansDayEncodingIsRejected() {
        assertTrue(Nik.problems("3201010508900001", AUGUST_5_1990, Sex.FEMALE).get(0).contains("plus 40"));
    }

    @Test
    void anythingButSixteenDigitsIsRejected() {
        assertEquals(List.of("must be exactly 16 digits"), Nik.problems("32010145089000", AUGUST_5_1990, Sex.FEMALE));
        assertEquals(List.of("must be exactly 16 digits"), Nik.problems("320101450890000A", AUGUST_5_1990, Sex.FEMALE));
    }

    @Test
    void unknownProvinceCodeIsRejected() {
        assertTrue(Nik.problems("9901014508900001", AUGUST_5_1990, Sex.FEMALE).get(0).contains("not a province code"));
    }

    @Test
    void papuaProvinceCodeIsAccepted() {
        assertEquals(List.of(), Nik.problems("9101014508900001", AUGUST_5_1990, Sex.FEMALE));
    }

    @Test
    void birthDigitsThatAreNoDateAreRejected() {
        assertTrue(Nik.problems("3201013213900001", AUGUST_5_1990, Sex.MALE).get(0).contains("not a birth date"));
    }

    @Test
    void birthDigitsOfAnotherDateAreRejected() {
        assertTrue(Nik.problems("3201014508910001", AUGUST_5_1990, Sex.FEMALE).get(0).contains("do not match"));
    }

    @Test
    void serialZeroIsRejected() {
        assertTrue(Nik.problems("3201014508900000", AUGUST_5_1990, Sex.FEMALE).contains("the serial (last 4 digits) cannot be 0000"));
    }

    @Test
    void kkNumberNeedsSixteenDigitsAndAProvince() {
        assertEquals(List.of(), Nik.kkProblems("3201010101200001"));
        assertEquals(List.of("must be exactly 16 digits"), Nik.kkProblems("32010101012000"));
        assertTrue(Nik.kkProblems("9901010101200001").get(0).contains("not a province code"));
    }

    @Test
    void maskingKeepsProvinceRegencyAndLastFourDigits() {
        assertEquals("3201********0001", Nik.masked("3201014508900001"));
    }
}
