package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Sex;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemException;
import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.DisabilityType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks of a person that need no database: the address by the shared region codes, and the disability rule. */
class PersonChecksTest {

    private static final String NIK = "3201014508900001";
    private static final LocalDate BORN = LocalDate.of(1990, 8, 5);

    private static BeneficiaryService.Person person(BeneficiaryService.Address address, Set<Cluster> clusters,
                                                    Set<DisabilityType> disabilityTypes) {
        return new BeneficiaryService.Person("Siti Aminah", NIK, null, null, BORN, Sex.FEMALE, address, null, null, clusters,
                disabilityTypes, null, null, Set.of());
    }

    private static List<Problem.FieldError> problems(String province, String regency, String district, String village) {
        ProblemException refused = assertThrows(ProblemException.class, () -> BeneficiaryService.validate(
                person(new BeneficiaryService.Address(province, regency, district, village, null), Set.of(), Set.of())));
        return refused.fieldErrors();
    }

    @Test
    void aNestedAddressDownToTheVillageIsValid() {
        assertDoesNotThrow(() -> BeneficiaryService.validate(
                person(new BeneficiaryService.Address("32", "32.01", "32.01.01", "32.01.01.1001", null), Set.of(), Set.of())));
        assertDoesNotThrow(() -> BeneficiaryService.validate(person(null, Set.of(), Set.of())));
    }

    @Test
    void eachUnknownOrMisplacedCodeBlamesItsAddressField() {
        assertEquals("address.provinceCode", problems("99", null, null, null).get(0).field());
        assertEquals("address.regencyCode", problems("32", "31.71", null, null).get(0).field());
        assertEquals("address.districtCode", problems("32", "32.01", "32.01.99", null).get(0).field());
        assertEquals("address.villageCode", problems("32", "32.01", "32.01.01", "32.01.01.9999").get(0).field());
        List<Problem.FieldError> missing = problems("32", null, "32.01.01", null);
        assertEquals("address.regencyCode", missing.get(0).field());
        assertTrue(missing.get(0).message().contains("required"));
    }

    @Test
    void disabilityTypesNeedThePersonsWithDisabilitiesCluster() {
        ProblemException refused = assertThrows(ProblemException.class, () -> BeneficiaryService.validate(
                person(null, Set.of(Cluster.ELDERLY), Set.of(DisabilityType.MENTAL))));
        assertEquals("disabilityTypes", refused.fieldErrors().get(0).field());
        assertDoesNotThrow(() -> BeneficiaryService.validate(
                person(null, Set.of(Cluster.PERSONS_WITH_DISABILITIES), Set.of(DisabilityType.MENTAL))));
    }
}
