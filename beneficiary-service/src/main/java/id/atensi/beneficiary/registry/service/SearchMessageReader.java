package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import id.atensi.beneficiary.registry.domain.MessageError;
import id.atensi.beneficiary.registry.domain.MessageRejected;
import id.atensi.beneficiary.registry.domain.RegistryAttribute;
import id.atensi.beneficiary.registry.domain.RegistryCondition;
import id.atensi.beneficiary.registry.domain.RegistryCondition.AllOf;
import id.atensi.beneficiary.registry.domain.RegistryCondition.AnyOf;
import id.atensi.beneficiary.registry.domain.RegistryCondition.Comparison;
import id.atensi.beneficiary.registry.domain.RegistryCondition.InvalidQuery;
import id.atensi.beneficiary.registry.domain.RegistryCondition.Not;
import id.atensi.beneficiary.registry.domain.RegistryOperator;
import id.atensi.beneficiary.registry.domain.SearchItem;
import id.atensi.beneficiary.registry.domain.SearchItem.Refusal;
import id.atensi.beneficiary.registry.domain.SearchItem.ReasonCode;
import id.atensi.beneficiary.registry.domain.SearchItem.SortKey;
import id.atensi.vocabulary.ConsentPurpose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a search message ({@code SearchRequest}): the batch as a whole is refused with ERR when it is malformed
 * (no transaction_id, a count other than the header's, a page larger than {@link #MAX_PAGE_SIZE}, a purpose that is
 * not declared or may not be declared); a query the registry cannot read refuses only its own request.
 */
public final class SearchMessageReader {

    /** The platform's page limit ({@code Page}): 200 people of a few hundred bytes each. */
    public static final int MAX_PAGE_SIZE = 200;

    /**
     * Identifier types taken as the NIK: the standard's code directory calls a national unique identity number
     * {@code UIN}, and its social-registry examples also write {@code NationalID}; answers always say {@code UIN}.
     */
    public static final Set<String> NIK_TYPES = Set.of("UIN", "NationalID");
    public static final String NIK_TYPE = "UIN";

    /** Purposes another registry may declare: the programme's own service delivery is not one of them. */
    static final Set<ConsentPurpose> DECLARABLE = Set.of(ConsentPurpose.REGISTRY_EXCHANGE, ConsentPurpose.STATISTICS_AND_RESEARCH,
            ConsentPurpose.FOLLOW_UP_CONTACT, ConsentPurpose.PARTNER_SHARING);

    private static final Set<String> SORTABLE = Set.of("registration_date", "birth_date", "age");

    private SearchMessageReader() {
    }

    public record SearchMessage(String transactionId, List<SearchItem> items) {
    }

    public static SearchMessage read(JsonNode message, int totalCount, int maxRequests) {
        String transactionId = text(message, "transaction_id", "message.transaction_id");
        if (transactionId.length() > 99) {
            throw bad("message.transaction_id is at most 99 characters");
        }
        JsonNode requests = message.get("search_request");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw bad("message.search_request is a non-empty list");
        }
        if (requests.size() > maxRequests) {
            throw bad("rjct.total_count.limit_exceeded: one message carries at most " + maxRequests + " search requests here");
        }
        if (requests.size() != totalCount) {
            throw bad("rjct.total_count.invalid: header.total_count is " + totalCount + " but message.search_request holds " + requests.size());
        }
        List<SearchItem> items = new ArrayList<>();
        Set<String> references = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            SearchItem item = item(requests.get(i), "message.search_request[" + i + "]");
            if (!references.add(item.referenceId())) {
                item = refused(item, new Refusal(ReasonCode.REFERENCE_ID_DUPLICATE, "another request of this message has the reference_id " + item.referenceId()));
            }
            items.add(item);
        }
        return new SearchMessage(transactionId, items);
    }

    private static SearchItem refused(SearchItem item, Refusal refusal) {
        return new SearchItem(item.referenceId(), item.timestamp(), Optional.empty(), Optional.empty(), item.sort(), item.pageSize(),
                item.pageNumber(), item.purpose(), item.locale(), Optional.of(refusal));
    }

    private static SearchItem item(JsonNode request, String where) {
        if (!request.isObject()) {
            throw bad(where + " is an object");
        }
        String referenceId = text(request, "reference_id", where + ".reference_id");
        String timestamp = text(request, "timestamp", where + ".timestamp");
        JsonNode criteria = request.get("search_criteria");
        if (criteria == null || !criteria.isObject()) {
            throw bad(where + ".search_criteria is required and is an object");
        }
        String locale = request.path("locale").asText("eng");
        JsonNode pagination = criteria.path("pagination");
        int pageSize = MAX_PAGE_SIZE;
        int pageNumber = 1;
        if (!pagination.isMissingNode() && !pagination.isNull()) {
            pageSize = whole(pagination.get("page_size"), where + ".search_criteria.pagination.page_size", MAX_PAGE_SIZE);
            if (pagination.has("page_number")) {
                pageNumber = whole(pagination.get("page_number"), where + ".search_criteria.pagination.page_number", Integer.MAX_VALUE / MAX_PAGE_SIZE);
            }
        }
        ConsentPurpose purpose = purpose(criteria, where + ".search_criteria.consent");
        List<SortKey> sort = new ArrayList<>();
        Optional<Refusal> refusal = Optional.empty();
        JsonNode sortNode = criteria.path("sort");
        if (!sortNode.isMissingNode() && !sortNode.isNull()) {
            if (!sortNode.isArray()) {
                refusal = Optional.of(new Refusal(ReasonCode.SORT_INVALID, "sort is a list of attribute_name and sort_order"));
            } else {
                for (JsonNode key : sortNode) {
                    String attribute = key.path("attribute_name").asText("");
                    String order = key.path("sort_order").asText("asc");
                    if (!SORTABLE.contains(attribute) || !(order.equals("asc") || order.equals("desc"))) {
                        refusal = Optional.of(new Refusal(ReasonCode.SORT_INVALID, "sort takes attribute_name " + SORTABLE + " and sort_order asc or desc"));
                        break;
                    }
                    sort.add(new SortKey(attribute, order.equals("desc")));
                }
            }
        }
        Optional<RegistryCondition> condition = Optional.empty();
        Optional<String> nik = Optional.empty();
        if (refusal.isEmpty()) {
            try {
                String queryType = criteria.path("query_type").asText("");
                JsonNode query = criteria.path("query");
                String eventType = criteria.path("reg_event_type").asText("REGISTER");
                if (!eventType.equals("REGISTER")) {
                    throw new InvalidQuery("this registry answers reg_event_type REGISTER (the people it has registered), not " + eventType);
                }
                if (!criteria.path("response_entity").asText("Member").equals("Member")) {
                    throw new InvalidQuery("this registry answers response_entity Member (one person each)");
                }
                switch (queryType) {
                    case "idtype-value" -> nik = Optional.of(nik(query));
                    case "expression" -> condition = Optional.of(expression(query));
                    case "predicate" -> condition = Optional.of(predicates(query));
                    default -> throw new InvalidQuery("query_type is idtype-value, expression or predicate");
                }
            } catch (InvalidQuery e) {
                refusal = Optional.of(new Refusal(ReasonCode.SEARCH_CRITERIA_INVALID, e.getMessage()));
            }
        }
        return new SearchItem(referenceId, timestamp, condition, nik, sort, pageSize, pageNumber, purpose, locale, refusal);
    }

    private static ConsentPurpose purpose(JsonNode criteria, String where) {
        return declaredPurpose(criteria.path("consent").path("purpose").path("code").asText(""), where);
    }

    /** A purpose another registry declares: refused with ERR when it is missing, unknown or not one it may declare. */
    static ConsentPurpose declaredPurpose(String code, String where) {
        if (code.isEmpty()) {
            throw new MessageRejected(MessageError.REQUEST_FORBIDDEN, where + ".purpose.code is required: the purpose the data is asked for, e.g. REGISTRY_EXCHANGE");
        }
        ConsentPurpose purpose;
        try {
            purpose = ConsentPurpose.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new MessageRejected(MessageError.REQUEST_FORBIDDEN, where + ".purpose.code '" + code + "' is not one of " + DECLARABLE.stream().map(Enum::name).sorted().toList());
        }
        if (!DECLARABLE.contains(purpose)) {
            throw new MessageRejected(MessageError.REQUEST_FORBIDDEN, where + ".purpose.code " + code + " may not be declared by another registry");
        }
        return purpose;
    }

    private static String nik(JsonNode query) {
        String type = query.path("type").asText("");
        if (!NIK_TYPES.contains(type)) {
            throw new InvalidQuery("idtype-value takes the identifier type UIN (the NIK)");
        }
        JsonNode value = query.get("value");
        String nik = value == null ? "" : value.isTextual() ? value.textValue() : value.isIntegralNumber() ? value.asText() : "";
        if (!nik.matches("\\d{16}")) {
            throw new InvalidQuery("a UIN (NIK) is 16 digits");
        }
        return nik;
    }

    /** A subscription's filter: an expression or predicate query, read as a search request's query is. */
    static RegistryCondition filter(String filterType, JsonNode filter) {
        return switch (filterType) {
            case "expression" -> expression(filter);
            case "predicate" -> predicates(filter);
            default -> throw new InvalidQuery("filter_type is expression or predicate: a subscription by identifier would keep a NIK, "
                    + "ask for one person with a search instead");
        };
    }

    /** {@code {"type": …, "value": {"expression": {"collection": "Member", "query": {"$and": [{"age": {"$gte": 60}}, …]}}}}}. */
    private static RegistryCondition expression(JsonNode query) {
        JsonNode expression = query.path("value").path("expression");
        if (!expression.isObject()) {
            throw new InvalidQuery("an expression query is {type, value: {expression: {collection, query}}}");
        }
        String collection = expression.path("collection").asText("Member");
        if (!collection.equals("Member")) {
            throw new InvalidQuery("this registry searches the collection Member");
        }
        return expressionNode(expression.path("query"), 0);
    }

    private static RegistryCondition expressionNode(JsonNode node, int depth) {
        if (depth > 8) {
            throw new InvalidQuery("an expression nests at most 8 levels");
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new InvalidQuery("an expression is an object of attributes and $and, $or, $not");
        }
        List<RegistryCondition> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "$and", "$or" -> {
                    if (!value.isArray() || value.isEmpty()) {
                        throw new InvalidQuery(key + " takes a non-empty list");
                    }
                    List<RegistryCondition> inner = new ArrayList<>();
                    value.forEach(part -> inner.add(expressionNode(part, depth + 1)));
                    parts.add(key.equals("$and") ? new AllOf(inner) : new AnyOf(inner));
                }
                case "$not" -> parts.add(new Not(expressionNode(value, depth + 1)));
                default -> {
                    RegistryAttribute attribute = attribute(key);
                    if (value.isObject()) {
                        for (Map.Entry<String, JsonNode> comparison : value.properties()) {
                            RegistryOperator operator = RegistryOperator.named(comparison.getKey())
                                    .filter(op -> comparison.getKey().startsWith("$"))
                                    .orElseThrow(() -> new InvalidQuery("operators are $eq, $gt, $gte, $lt, $lte and $in, not " + comparison.getKey()));
                            parts.add(new Comparison(attribute, operator, values(comparison.getValue(), operator)));
                        }
                    } else {
                        parts.add(new Comparison(attribute, RegistryOperator.EQ, values(value, RegistryOperator.EQ)));
                    }
                }
            }
        }
        return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
    }

    /**
     * {@code [{"seq_num": 1, "expression1": {…}, "condition": "and", "expression2": {…}}, …]}: each item joins its two
     * expressions by its condition ({@code not}: the first and not the second); the items, in seq_num order, all hold.
     */
    private static RegistryCondition predicates(JsonNode query) {
        if (!query.isArray() || query.isEmpty()) {
            throw new InvalidQuery("a predicate query is a non-empty list of {seq_num, expression1, condition, expression2}");
        }
        List<JsonNode> items = new ArrayList<>();
        query.forEach(items::add);
        items.sort(Comparator.comparingDouble(item -> item.path("seq_num").asDouble(0)));
        List<RegistryCondition> parts = new ArrayList<>();
        for (JsonNode item : items) {
            RegistryCondition first = predicate(item.path("expression1"));
            JsonNode second = item.path("expression2");
            if (second.isMissingNode() || second.isNull()) {
                if (item.hasNonNull("condition")) {
                    throw new InvalidQuery("a condition joins expression1 and expression2; expression2 is missing");
                }
                parts.add(first);
                continue;
            }
            RegistryCondition other = predicate(second);
            switch (item.path("condition").asText("")) {
                case "and" -> parts.add(new AllOf(List.of(first, other)));
                case "or" -> parts.add(new AnyOf(List.of(first, other)));
                case "not" -> parts.add(new AllOf(List.of(first, new Not(other))));
                default -> throw new InvalidQuery("condition is and, or or not");
            }
        }
        return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
    }

    private static RegistryCondition predicate(JsonNode expression) {
        if (!expression.isObject()) {
            throw new InvalidQuery("an expression is {attribute_name, operator, attribute_value}");
        }
        RegistryAttribute attribute = attribute(expression.path("attribute_name").asText(""));
        RegistryOperator operator = RegistryOperator.named(expression.path("operator").asText(""))
                .filter(op -> !expression.path("operator").asText("").startsWith("$"))
                .orElseThrow(() -> new InvalidQuery("operator is eq, gt, lt, ge, le or in"));
        return new Comparison(attribute, operator, values(expression.path("attribute_value"), operator));
    }

    private static RegistryAttribute attribute(String name) {
        return RegistryAttribute.named(name).orElseThrow(() -> new InvalidQuery("attribute '" + name + "' is not searchable; these are: "
                + java.util.Arrays.stream(RegistryAttribute.values()).map(RegistryAttribute::wireName).toList()));
    }

    private static List<String> values(JsonNode value, RegistryOperator operator) {
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            if (operator != RegistryOperator.IN) {
                throw new InvalidQuery("only in takes a list of values");
            }
            value.forEach(item -> values.add(scalar(item)));
        } else {
            values.add(scalar(value));
        }
        if (values.size() > 100) {
            throw new InvalidQuery("in takes at most 100 values");
        }
        return values;
    }

    private static String scalar(JsonNode value) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw new InvalidQuery("a value is a string or a number");
    }

    private static String text(JsonNode object, String field, String where) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw bad(where + " is required and is a string");
        }
        return value.textValue();
    }

    private static int whole(JsonNode value, String where, int max) {
        if (value == null || !value.isNumber() || value.asDouble() != Math.floor(value.asDouble()) || value.asDouble() < 1) {
            throw bad("rjct.pagination.invalid: " + where + " is a whole number from 1");
        }
        if (value.asDouble() > max) {
            throw bad("rjct.pagination.invalid: " + where + " is at most " + max);
        }
        return value.asInt();
    }

    private static MessageRejected bad(String message) {
        return new MessageRejected(MessageError.REQUEST_BAD, message);
    }
}
