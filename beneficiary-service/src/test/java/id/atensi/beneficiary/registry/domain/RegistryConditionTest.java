package id.atensi.beneficiary.registry.domain;

import id.atensi.beneficiary.registry.domain.RegistryCondition.Comparison;
import id.atensi.beneficiary.registry.domain.RegistryCondition.InvalidQuery;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegistryConditionTest {

    @Test
    void valuesTheAttributeNeverHoldsAreRefused() {
        assertThrows(InvalidQuery.class, () -> new Comparison(RegistryAttribute.SEX, RegistryOperator.EQ, List.of("F")));
        assertThrows(InvalidQuery.class, () -> new Comparison(RegistryAttribute.CLUSTER, RegistryOperator.EQ, List.of("POOR")));
        assertThrows(InvalidQuery.class, () -> new Comparison(RegistryAttribute.REGION, RegistryOperator.EQ, List.of("West Java")));
        assertThrows(InvalidQuery.class, () -> new Comparison(RegistryAttribute.AGE, RegistryOperator.GE, List.of("-1")));
        assertDoesNotThrow(() -> new Comparison(RegistryAttribute.REGION, RegistryOperator.IN, List.of("32", "32.01", "32.01.01", "32.01.01.1001")));
        assertDoesNotThrow(() -> new Comparison(RegistryAttribute.CASE_STATUS, RegistryOperator.EQ, List.of("active")));
    }

    @Test
    void orderingOperatorsOnlyForOrderedAttributesAndListsOnlyForIn() {
        assertThrows(InvalidQuery.class, () -> new Comparison(RegistryAttribute.SEX, RegistryOperator.GT, List.of("male")));
        assertThrows(InvalidQuery.class, () -> new Comparison(RegistryAttribute.AGE, RegistryOperator.EQ, List.of("1", "2")));
        assertDoesNotThrow(() -> new Comparison(RegistryAttribute.REGISTRATION_DATE, RegistryOperator.GE, List.of("2026-01-01")));
    }

    @Test
    void expressionOperatorsNameTheSameOperators() {
        org.junit.jupiter.api.Assertions.assertEquals(RegistryOperator.GE, RegistryOperator.named("$gte").orElseThrow());
        org.junit.jupiter.api.Assertions.assertEquals(RegistryOperator.LE, RegistryOperator.named("le").orElseThrow());
        org.junit.jupiter.api.Assertions.assertTrue(RegistryOperator.named("$regex").isEmpty());
    }
}
