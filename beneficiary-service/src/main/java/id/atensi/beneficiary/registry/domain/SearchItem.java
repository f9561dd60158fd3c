package id.atensi.beneficiary.registry.domain;

import id.atensi.vocabulary.ConsentPurpose;

import java.util.List;
import java.util.Optional;

/**
 * One request of a search message's batch, read: whom it asks for, in which order and which page, and the purpose the
 * caller declared. A query the registry could not read leaves {@link #condition} empty and says why in
 * {@link #refusal}, so that the other requests of the batch are still answered.
 */
public record SearchItem(String referenceId, String timestamp, Optional<RegistryCondition> condition, Optional<String> nikLookup,
                         List<SortKey> sort, int pageSize, int pageNumber, ConsentPurpose purpose, String locale,
                         Optional<Refusal> refusal) {

    /** The standard's reason codes for a refused search request ({@code SearchStatusReasonCode}). */
    public enum ReasonCode {
        SEARCH_CRITERIA_INVALID("rjct.search_criteria.invalid"),
        SORT_INVALID("rjct.sort.invalid"),
        REFERENCE_ID_DUPLICATE("rjct.reference_id.duplicate");

        private final String code;

        ReasonCode(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public record Refusal(ReasonCode code, String message) {
    }

    public record SortKey(String attribute, boolean descending) {
    }
}
