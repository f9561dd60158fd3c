package id.atensi.beneficiary.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionCodesAndNameKeyTest {

    @Test
    void aNestedAddressDownToTheVillageIsValid() {
        assertEquals(Optional.empty(), RegionCodes.problem("32", "32.01", "32.01.01", "32.01.01.1001"));
        assertEquals(Optional.empty(), RegionCodes.problem(null, null, null, null));
    }

    @Test
    void eachUnknownOrMisplacedCodeBlamesItsField() {
        assertEquals("address.provinceCode", RegionCodes.problem("99", null, null, null).orElseThrow().field());
        assertEquals("address.regencyCode", RegionCodes.problem("32", "31.71", null, null).orElseThrow().field());
        assertEquals("address.districtCode", RegionCodes.problem("32", "32.01", "32.01.99", null).orElseThrow().field());
        assertEquals("address.villageCode", RegionCodes.problem("32", "32.01", "32.01.01", "32.01.01.9999").orElseThrow().field());
        assertTrue(RegionCodes.problem("32", null, "32.01.01", null).orElseThrow().message().contains("required"));
    }

    @Test
    void namesMeetAcrossCaseAccentsOldSpellingsAndDoubledLetters() {
        assertEquals(NameKey.of("siti nurhaliza"), NameKey.of("SITI  Nurhaliza"));
        assertEquals(NameKey.of("Siti Nurhaliza"), NameKey.of("Siti Nurhalizza"));
        assertEquals(NameKey.of("Sukarno"), NameKey.of("Soekarno"));
        assertEquals(NameKey.of("Joko"), NameKey.of("Djoko"));
        assertEquals(NameKey.of("Andre"), NameKey.of("André"));
    }
}
