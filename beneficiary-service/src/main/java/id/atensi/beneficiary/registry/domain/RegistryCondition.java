package id.atensi.beneficiary.registry.domain;

import java.util.List;

/**
 * What a registry search asks of a person, whichever of the standard's query forms it came in (an identifier, a
 * MongoDB-style expression or a list of predicates): a tree of comparisons over {@link RegistryAttribute}s.
 */
public sealed interface RegistryCondition {

    record Comparison(RegistryAttribute attribute, RegistryOperator operator, List<String> values) implements RegistryCondition {

        public Comparison {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new InvalidQuery(attribute.wireName() + " is compared with no value");
            }
            if (operator != RegistryOperator.IN && values.size() != 1) {
                throw new InvalidQuery(attribute.wireName() + " " + operator.wireName() + " takes one value, not a list");
            }
            if (operator.ordering() && !attribute.ordered()) {
                throw new InvalidQuery(attribute.wireName() + " can only be compared with eq or in");
            }
            values.forEach(attribute::check);
        }
    }

    record AllOf(List<RegistryCondition> parts) implements RegistryCondition {
        public AllOf {
            parts = List.copyOf(parts);
        }
    }

    record AnyOf(List<RegistryCondition> parts) implements RegistryCondition {
        public AnyOf {
            parts = List.copyOf(parts);
        }
    }

    record Not(RegistryCondition part) implements RegistryCondition {
    }

    /** A query the registry cannot answer as asked; answered per search request with {@code rjct.search_criteria.invalid}. */
    final class InvalidQuery extends RuntimeException {
        public InvalidQuery(String message) {
            super(message);
        }
    }
}
