package id.atensi.partner.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocationsTest {

    @Test
    void sukabumiRegencyLiesInWestJava() {
        assertTrue(Locations.problem("32", "32.02").isEmpty());
        assertTrue(Locations.problem("32", null).isEmpty());
    }

    @Test
    void aRegencyOfAnotherProvinceIsBlamedOnTheRegency() {
        assertEquals("regencyCode", Locations.problem("32", "36.01").orElseThrow().level().field());
        assertEquals("provinceCode", Locations.problem("99", null).orElseThrow().level().field());
        assertEquals("provinceCode", Locations.problem(null, "32.02").orElseThrow().level().field());
    }

    @Test
    void papuasNewProvincesExist() {
        assertTrue(Locations.problem("96", null).isEmpty());
    }

    @Test
    void anAgreementsScopeNamesProvincesAndRegenciesOnly() {
        assertTrue(Locations.isProvinceOrRegency("32"));
        assertTrue(Locations.isProvinceOrRegency("32.75"));
        assertFalse(Locations.isProvinceOrRegency("32.75.01"));
        assertFalse(Locations.isProvinceOrRegency("99"));
    }
}
