package id.atensi.partner.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionCodesTest {

    @Test
    void sukabumiRegencyLiesInWestJava() {
        assertEquals("32", RegionCodes.provinceOfRegency("32.02").orElseThrow());
        assertTrue(RegionCodes.locationProblem("32", "32.02").isEmpty());
    }

    @Test
    void aRegencyOfAnotherProvinceIsBlamedOnTheRegency() {
        assertEquals("regencyCode", RegionCodes.locationProblem("32", "36.01").orElseThrow().field());
        assertEquals("provinceCode", RegionCodes.locationProblem("99", null).orElseThrow().field());
    }

    @Test
    void papuasNewProvincesExist() {
        assertTrue(RegionCodes.isProvince("96"));
    }
}
