package id.atensi.vocabulary;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionsTest {

    @Test
    void aCompleteAddressInWestJavaIsAccepted() {
        assertEquals(Optional.empty(), Regions.problem("32", "32.01", "32.01.01", "32.01.01.1001"));
        assertEquals(Optional.empty(), Regions.problem("32", "32.16", null, null));
        assertEquals(Optional.empty(), Regions.problem(null, null, null, null));
    }

    @Test
    void namesAreThoseOfTheMinistrysData() {
        assertEquals(Optional.of("JAWA BARAT"), Regions.provinceName("32"));
        assertEquals(Optional.of("KABUPATEN BEKASI"), Regions.regencyName("32.16"));
        assertEquals(Optional.of("32"), Regions.provinceOfRegency("32.16"));
    }

    @Test
    void papuasOldAndNewProvincesAllExist() {
        for (String code : new String[] {"91", "92", "93", "94", "95", "96"}) {
            assertTrue(Regions.isProvince(code), code);
        }
        assertFalse(Regions.isProvince("99"));
        assertFalse(Regions.isRegency("32"));
    }

    @Test
    void eachRefusalNamesTheLevelToBlame() {
        assertEquals(Optional.of(new Regions.Problem(Regions.Level.PROVINCE, "99 is not a province code (e.g. 32)")),
                Regions.problem("99", null, null, null));
        assertEquals(Optional.of(new Regions.Problem(Regions.Level.REGENCY, "31.71 lies in 31, not in 32")),
                Regions.problem("32", "31.71", null, null));
        assertEquals(Optional.of(new Regions.Problem(Regions.Level.DISTRICT, "32.01.99 is not a district code (e.g. 32.01.01)")),
                Regions.problem("32", "32.01", "32.01.99", null));
        assertEquals(Optional.of(new Regions.Problem(Regions.Level.VILLAGE, "32.01.02.2001 lies in 32.01.02, not in 32.01.01")),
                Regions.problem("32", "32.01", "32.01.01", "32.01.02.2001"));
        assertEquals(Optional.of(new Regions.Problem(Regions.Level.REGENCY, "is required when a lower region is given")),
                Regions.problem("32", null, "32.01.01", null));
        assertEquals(Optional.of(new Regions.Problem(Regions.Level.PROVINCE, "is required when a lower region is given")),
                Regions.problem(null, "32.01", null, null));
        assertEquals("regencyCode", Regions.Level.REGENCY.field());
    }
}
