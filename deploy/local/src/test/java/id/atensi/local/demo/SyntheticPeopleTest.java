package id.atensi.local.demo;

import id.atensi.vocabulary.Regions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticPeopleTest {

    /**
     * The demo's 2,000 people, fingerprinted: a change of the generator, its name lists or the region data that changes who
     * the demo's people are fails here, so that it is a decision (and docs or screenshots naming a demo person are updated).
     */
    private static final String DEMO_FINGERPRINT = "4bc22386d4ea9456676f34e013f43c88bc42d1cea56af24e645bb31690f8b18e";

    @Test
    void everyRunGivesTheSamePeople() {
        List<SyntheticPeople.Person> first = SyntheticPeople.demo();
        List<SyntheticPeople.Person> second = SyntheticPeople.demo();
        assertEquals(first, second);
        assertEquals(DEMO_FINGERPRINT, fingerprint(first), "the demo's people changed");
    }

    @Test
    void anotherSeedGivesOtherPeople() {
        assertNotEquals(SyntheticPeople.generate(SyntheticPeople.SEED, 50), SyntheticPeople.generate(SyntheticPeople.SEED + 1, 50));
    }

    @Test
    void twoThousandPeopleWithDistinctNiksLiveInEveryProvince() {
        List<SyntheticPeople.Person> people = SyntheticPeople.demo();
        assertEquals(2_000, people.size());
        assertEquals(2_000, people.stream().map(SyntheticPeople.Person::nik).distinct().count());
        Set<String> provinces = people.stream().map(SyntheticPeople.Person::provinceCode).collect(Collectors.toSet());
        assertEquals(38, provinces.size(), "every province of the region data: " + provinces);
    }

    /** beneficiary-service's NIK rules (its README, "NIK rules"), checked here by the same published rules. */
    @Test
    void everyNikFollowsTheNikRulesAndAgreesWithTheBirthDateSexAndAddress() {
        DateTimeFormatter ddmmyy = DateTimeFormatter.ofPattern("ddMMyy");
        for (SyntheticPeople.Person person : SyntheticPeople.demo()) {
            String nik = person.nik();
            String who = person.fullName() + " " + nik;
            assertTrue(nik.matches("\\d{16}"), who);
            assertTrue(Regions.isProvince(nik.substring(0, 2)), who);
            assertEquals(person.districtCode().replace(".", ""), nik.substring(0, 6), who);
            String date = person.birthDate().format(ddmmyy);
            int day = person.birthDate().getDayOfMonth() + (person.sex().equals("FEMALE") ? 40 : 0);
            assertEquals(String.format("%02d", day) + date.substring(2), nik.substring(6, 12), who);
            assertNotEquals("0000", nik.substring(12), who);
            assertTrue(Regions.problem(person.provinceCode(), person.regencyCode(), person.districtCode(), person.villageCode()).isEmpty(),
                    who + " lives at codes that do not exist or do not nest");
            assertFalse(person.fullName().isBlank(), who);
            assertTrue(person.birthDate().getYear() >= 1945 && person.birthDate().getYear() <= 2012, who);
        }
    }

    @Test
    void aTakenNikMovesToTheNextFreeSerial() {
        Set<String> taken = new HashSet<>();
        LocalDate birth = LocalDate.of(1985, 3, 12);
        assertEquals("3201011203859999", SyntheticPeople.nik("32.01.01", birth, false, 9_999, taken));
        assertEquals("3201011203850001", SyntheticPeople.nik("32.01.01", birth, false, 9_999, taken), "wraps past 9999 to 0001, never 0000");
        assertEquals("3201015203850001", SyntheticPeople.nik("32.01.01", birth, true, 1, taken), "a woman's day plus 40");
    }

    private static String fingerprint(List<SyntheticPeople.Person> people) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SyntheticPeople.Person person : people) {
                sha.update(person.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
