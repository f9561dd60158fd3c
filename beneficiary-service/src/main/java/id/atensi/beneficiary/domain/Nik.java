package id.atensi.beneficiary.domain;

import id.atensi.vocabulary.Regions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules of the 16-digit national identity number: 2 province + 2 regency + 2 district digits, the birth
 * date as DDMMYY (women: day + 40), then a serial from 0001. The region digits are checked against the
 * province list only: districts are renumbered over time and old NIKs keep their old codes.
 */
public final class Nik {

    private static final Pattern DIGITS_16 = Pattern.compile("\\d{16}");

    private Nik() {
    }

    /** @return what is wrong with the NIK for a person born on {@code birthDate} of {@code sex}; empty when valid */
    public static List<String> problems(String nik, LocalDate birthDate, Sex sex) {
        List<String> problems = new ArrayList<>();
        if (nik == null || !DIGITS_16.matcher(nik).matches()) {
            problems.add("must be exactly 16 digits");
            return problems;
        }
        if (!Regions.isProvince(nik.substring(0, 2))) {
            problems.add("starts with " + nik.substring(0, 2) + ", which is not a province code");
        }
        int encodedDay = Integer.parseInt(nik.substring(6, 8));
        int month = Integer.parseInt(nik.substring(8, 10));
        int yearOfCentury = Integer.parseInt(nik.substring(10, 12));
        int day = encodedDay > 40 ? encodedDay - 40 : encodedDay;
        if (day < 1 || day > 31 || month < 1 || month > 12) {
            problems.add("digits 7 to 12 are not a birth date (DDMMYY, women's day + 40)");
        } else if (birthDate != null) {
            if (birthDate.getDayOfMonth() != day || birthDate.getMonthValue() != month || birthDate.getYear() % 100 != yearOfCentury) {
                problems.add("digits 7 to 12 do not match the birth date " + birthDate);
            } else if (sex != null && (sex == Sex.FEMALE) != (encodedDay > 40)) {
                problems.add(sex == Sex.FEMALE
                        ? "a woman's NIK has the birth day plus 40 in digits 7 and 8"
                        : "a man's NIK has the plain birth day in digits 7 and 8");
            }
        }
        if (nik.endsWith("0000")) {
            problems.add("the serial (last 4 digits) cannot be 0000");
        }
        return problems;
    }

    /** Shows the province and regency digits and the last four: enough to tell records apart, not to use the number. */
    public static String masked(String nik) {
        return id.atensi.beneficiary.pii.PersonalNumberCipher.masked(nik);
    }

    /** @return what is wrong with a KK (family card) number: 16 digits starting with a province code; empty when valid */
    public static List<String> kkProblems(String kk) {
        if (kk == null || !DIGITS_16.matcher(kk).matches()) {
            return List.of("must be exactly 16 digits");
        }
        if (!Regions.isProvince(kk.substring(0, 2))) {
            return List.of("starts with " + kk.substring(0, 2) + ", which is not a province code");
        }
        return List.of();
    }
}
