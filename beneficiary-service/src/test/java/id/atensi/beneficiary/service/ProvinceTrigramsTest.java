package id.atensi.beneficiary.service;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProvinceTrigramsTest {

    @Test
    void everyThreeLettersOfEveryFragmentKeyedByTheProvince() {
        assertEquals(Optional.of("{32:ahm,32:hma,32:iti,32:rah,32:sit}"),
                BeneficiaryQueries.provinceTrigrams(" 32 ", List.of("siti", "rahma", "nu")));
    }

    @Test
    void noKeysForShortFragmentsOrWhatIsNotAProvinceCode() {
        assertEquals(Optional.empty(), BeneficiaryQueries.provinceTrigrams("32", List.of("nu", "a")));
        assertEquals(Optional.empty(), BeneficiaryQueries.provinceTrigrams("32,33", List.of("siti")));
        assertEquals(Optional.empty(), BeneficiaryQueries.provinceTrigrams(null, List.of("siti")));
        assertEquals(Optional.empty(), BeneficiaryQueries.provinceTrigrams("32", List.of()));
    }
}
