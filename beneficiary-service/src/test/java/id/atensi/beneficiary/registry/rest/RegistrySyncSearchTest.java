package id.atensi.beneficiary.registry.rest;

import id.atensi.beneficiary.ConsentFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.PartnerFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.beneficiary.registry.RegistryFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static id.atensi.beneficiary.registry.RegistryFixtures.asRegistry;
import static id.atensi.beneficiary.registry.RegistryFixtures.byNik;
import static id.atensi.beneficiary.registry.RegistryFixtures.message;
import static id.atensi.beneficiary.registry.RegistryFixtures.person;
import static id.atensi.beneficiary.registry.RegistryFixtures.searchRequest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code POST /registry/sync/search}: by NIK, by expression and by predicates, sorted and paged, answering only people
 * whose consent covers the exchange and the declared purpose, each audited as an unmasked read.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class RegistrySyncSearchTest {

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    private static ValidatableResponse search(String body) {
        return asRegistry().body(body).when().post("/registry/sync/search").then().log().ifValidationFails();
    }

    @Test
    void searchByNikAnswersTheConsentingPersonAsAMemberRecordAndAuditsIt() {
        String nik = NikFixtures.woman();
        String village = RegistryFixtures.freshVillage();
        String id = person(nik, village, "REGISTRY_EXCHANGE");

        ValidatableResponse answer = search(message("search", byNik("ref-1", nik))).statusCode(200)
                .body("header.action", equalTo("on-search"))
                .body("header.status", equalTo("succ"))
                .body("header.sender_id", equalTo("atensi.kemensos.go.id"))
                .body("header.receiver_id", equalTo(RegistryFixtures.SENDER))
                .body("message.correlation_id", notNullValue())
                .body("message.search_response[0].reference_id", equalTo("ref-1"))
                .body("message.search_response[0].status", equalTo("succ"))
                .body("message.search_response[0].pagination.total_count", equalTo(1))
                .body("message.search_response[0].data.reg_records[0].@id", equalTo("urn:atensi:beneficiary:" + id))
                .body("message.search_response[0].data.reg_records[0].demographic_info.identifier[0].identifier_type", equalTo("UIN"))
                .body("message.search_response[0].data.reg_records[0].demographic_info.identifier[0].identifier_value", equalTo(nik))
                .body("message.search_response[0].data.reg_records[0].demographic_info.name.given_name", equalTo("Siti Rahayu"))
                .body("message.search_response[0].data.reg_records[0].demographic_info.sex", equalTo("female"))
                .body("message.search_response[0].data.reg_records[0].demographic_info.birth_date", equalTo(NikFixtures.WOMAN_BIRTH_DATE))
                .body("message.search_response[0].data.reg_records[0].demographic_info.address[0].locality", equalTo(village))
                .body("message.search_response[0].data.reg_records[0].is_disabled", equalTo(true))
                .body("message.search_response[0].data.reg_records[0].disability_info[0].disability_type", equalTo("SENSORY_BLIND"))
                .body("message.search_response[0].data.reg_records[0].additional_attributes.value", hasItem("ELDERLY"))
                .body("message.search_response[0].data.reg_records[0].phone_number", nullValue());
        String correlationId = answer.extract().path("message.correlation_id");

        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", id).queryParam("accessedBy", RegistryFixtures.SENDER)
                .when().get("/api/v1/beneficiaries/audit").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].action", equalTo("registry-search"))
                .body("items[0].fields", contains("nik"))
                .body("items[0].requestId", equalTo(correlationId));
    }

    @Test
    void aPersonWithoutRegistryConsentIsRefusedExactlyLikeAnUnknownNik() {
        String nik = NikFixtures.woman();
        String id = person(nik, RegistryFixtures.freshVillage(), "PARTNER_SHARING");
        String unknown = NikFixtures.woman();

        ValidatableResponse answer = search(message("search", byNik("withheld", nik), byNik("unknown", unknown))).statusCode(200)
                .body("header.status", equalTo("rjct"))
                .body("message.search_response.status", contains("rjct", "rjct"))
                .body("message.search_response.data", contains(nullValue(), nullValue()));
        assertEquals((String) answer.extract().path("message.search_response[0].status_reason_message"),
                answer.extract().path("message.search_response[1].status_reason_message"));

        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", id)
                .when().get("/api/v1/beneficiaries/audit").then().statusCode(200)
                .body("items.action", not(hasItem("registry-search")));
    }

    @Test
    void aBatchOfIdentifiersIsAnsweredRequestByRequestWhateverItsPurposesRepeatsAndPages() {
        String shared = NikFixtures.woman();
        String sharedId = person(shared, RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE", "STATISTICS_AND_RESEARCH");
        String exchangeOnly = NikFixtures.woman();
        person(exchangeOnly, RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE");
        String uin = "{\"type\": \"UIN\", \"value\": \"%s\"}";

        ValidatableResponse answer = search(message("search",
                byNik("first", shared),
                byNik("again", shared),
                searchRequest("exchange-only-for-research", "idtype-value", uin.formatted(exchangeOnly), "STATISTICS_AND_RESEARCH", ""),
                searchRequest("shared-for-research", "idtype-value", uin.formatted(shared), "STATISTICS_AND_RESEARCH", ""),
                byNik("exchange-only", exchangeOnly),
                searchRequest("second-page", "idtype-value", uin.formatted(shared), "REGISTRY_EXCHANGE", "\"pagination\": {\"page_size\": 10, \"page_number\": 2}"),
                byNik("unknown", NikFixtures.woman()))).statusCode(200)
                .body("message.search_response.reference_id", contains("first", "again", "exchange-only-for-research", "shared-for-research",
                        "exchange-only", "second-page", "unknown"))
                .body("message.search_response.status", contains("succ", "succ", "rjct", "succ", "succ", "succ", "rjct"))
                .body("message.search_response[1].data.reg_records[0].demographic_info.identifier[0].identifier_value", equalTo(shared))
                .body("message.search_response[3].data.reg_records[0].demographic_info.identifier[0].identifier_value", equalTo(shared))
                .body("message.search_response[4].data.reg_records[0].demographic_info.identifier[0].identifier_value", equalTo(exchangeOnly))
                .body("message.search_response[5].pagination.total_count", equalTo(1))
                .body("message.search_response[5].data.reg_records", empty());
        String correlationId = answer.extract().path("message.correlation_id");

        given().auth().oauth2(TestTokens.auditor()).queryParam("beneficiaryId", sharedId).queryParam("accessedBy", RegistryFixtures.SENDER)
                .when().get("/api/v1/beneficiaries/audit").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].requestId", equalTo(correlationId));
    }

    @Test
    void consentWithdrawnStopsTheNextSearch() {
        String nik = NikFixtures.woman();
        String id = person(nik, RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE");
        search(message("search", byNik("before", nik))).statusCode(200).body("message.search_response[0].status", equalTo("succ"));

        ConsentFixtures.withdraw(id, "REGISTRY_EXCHANGE");

        search(message("search", byNik("after", nik))).statusCode(200).body("message.search_response[0].status", equalTo("rjct"));
    }

    @Test
    void theDeclaredPurposeMustBeConsentedToBesidesTheExchange() {
        String nik = NikFixtures.woman();
        person(nik, RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE");
        String forResearch = searchRequest("research", "idtype-value", "{\"type\": \"UIN\", \"value\": \"" + nik + "\"}", "STATISTICS_AND_RESEARCH", "");

        search(message("search", forResearch)).statusCode(200).body("message.search_response[0].status", equalTo("rjct"));

        String both = NikFixtures.woman();
        person(both, RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE", "STATISTICS_AND_RESEARCH");
        String bothForResearch = searchRequest("research", "idtype-value", "{\"type\": \"UIN\", \"value\": \"" + both + "\"}", "STATISTICS_AND_RESEARCH", "");
        search(message("search", bothForResearch)).statusCode(200).body("message.search_response[0].status", equalTo("succ"));
    }

    @Test
    void aPurposeAnotherRegistryMayNotDeclareIsAnError() {
        String request = searchRequest("own", "idtype-value", "{\"type\": \"UIN\", \"value\": \"" + NikFixtures.woman() + "\"}", "SERVICE_DELIVERY", "");

        search(message("search", request)).statusCode(400)
                .body("message.ack_status", equalTo("ERR"))
                .body("message.error.code", equalTo("err.request.forbidden"));
    }

    @Test
    void expressionQueryFindsByAgeSexRegionClusterDisabilityAndCaseStatus() {
        String village = RegistryFixtures.freshVillage();
        person(NikFixtures.woman(), village, "REGISTRY_EXCHANGE");
        person(NikFixtures.woman(), village, "REGISTRY_EXCHANGE");
        person(NikFixtures.woman(), village);
        String matching = """
                {"type": "ns:org:QueryType:NoSql", "value": {"expression": {"collection": "Member", "query": {"$and": [
                  {"region": {"$eq": "%s"}}, {"age": {"$gte": 30}}, {"sex": "female"}, {"cluster": {"$in": ["ELDERLY", "CHILDREN"]}},
                  {"disability_type": {"$eq": "SENSORY_BLIND"}}, {"case_status": {"$eq": "REGISTERED"}}]}}}}""".formatted(village);
        String tooOld = """
                {"type": "ns:org:QueryType:NoSql", "value": {"expression": {"collection": "Member", "query": {"$and": [
                  {"region": {"$eq": "%s"}}, {"$or": [{"age": {"$gt": 90}}, {"sex": "male"}]}]}}}}""".formatted(village);

        search(message("search", searchRequest("match", "expression", matching, "REGISTRY_EXCHANGE", ""),
                searchRequest("none", "expression", tooOld, "REGISTRY_EXCHANGE", ""))).statusCode(200)
                .body("header.status", equalTo("succ"))
                .body("message.search_response[0].status", equalTo("succ"))
                .body("message.search_response[0].pagination.total_count", equalTo(2))
                .body("message.search_response[0].data.reg_records.size()", equalTo(2))
                .body("message.search_response[1].status", equalTo("rjct"));
    }

    @Test
    void predicateQueryJoinsItsExpressionsByTheirConditions() {
        String village = RegistryFixtures.freshVillage();
        person(NikFixtures.woman(), village, "REGISTRY_EXCHANGE");
        String predicates = """
                [{"seq_num": 1, "expression1": {"attribute_name": "region", "operator": "eq", "attribute_value": "%s"}},
                 {"seq_num": 2, "expression1": {"attribute_name": "age", "operator": "ge", "attribute_value": 18},
                  "condition": "not", "expression2": {"attribute_name": "case_status", "operator": "in", "attribute_value": ["TERMINATED", "GRADUATED"]}}]"""
                .formatted(village);
        String excluding = """
                [{"seq_num": 1, "expression1": {"attribute_name": "region", "operator": "eq", "attribute_value": "%s"},
                  "condition": "not", "expression2": {"attribute_name": "sex", "operator": "eq", "attribute_value": "female"}}]"""
                .formatted(village);

        search(message("search", searchRequest("p", "predicate", predicates, "REGISTRY_EXCHANGE", ""),
                searchRequest("x", "predicate", excluding, "REGISTRY_EXCHANGE", ""))).statusCode(200)
                .body("message.search_response[0].status", equalTo("succ"))
                .body("message.search_response[0].pagination.total_count", equalTo(1))
                .body("message.search_response[1].status", equalTo("rjct"));
    }

    @Test
    void pagesAndSortOrderFollowTheRequest() {
        String village = RegistryFixtures.freshVillage();
        String first = person(NikFixtures.woman(), village, "REGISTRY_EXCHANGE");
        String second = person(NikFixtures.woman(), village, "REGISTRY_EXCHANGE");
        String third = person(NikFixtures.woman(), village, "REGISTRY_EXCHANGE");
        String query = "[{\"seq_num\": 1, \"expression1\": {\"attribute_name\": \"region\", \"operator\": \"eq\", \"attribute_value\": \"" + village + "\"}}]";
        String newestFirst = "\"sort\": [{\"attribute_name\": \"registration_date\", \"sort_order\": \"desc\"}], ";

        ValidatableResponse page1 = search(message("search", searchRequest("p1", "predicate", query, "REGISTRY_EXCHANGE",
                newestFirst + "\"pagination\": {\"page_size\": 2, \"page_number\": 1}"))).statusCode(200);
        ValidatableResponse page2 = search(message("search", searchRequest("p2", "predicate", query, "REGISTRY_EXCHANGE",
                newestFirst + "\"pagination\": {\"page_size\": 2, \"page_number\": 2}"))).statusCode(200);

        List<String> ids = new java.util.ArrayList<>(page1.extract().<List<String>>path("message.search_response[0].data.reg_records.@id"));
        ids.addAll(page2.extract().<List<String>>path("message.search_response[0].data.reg_records.@id"));
        assertEquals(List.of(third, second, first).stream().map(id -> "urn:atensi:beneficiary:" + id).toList(), ids);
        page1.body("message.search_response[0].pagination.page_size", equalTo(2)).body("message.search_response[0].pagination.total_count", equalTo(3));
        page2.body("message.search_response[0].pagination.page_number", equalTo(2));
    }

    @Test
    void anUnknownAttributeOrSortRefusesOnlyItsOwnRequest() {
        String nik = NikFixtures.woman();
        person(nik, RegistryFixtures.freshVillage(), "REGISTRY_EXCHANGE");
        String unknownAttribute = "[{\"seq_num\": 1, \"expression1\": {\"attribute_name\": \"poverty_score\", \"operator\": \"lt\", \"attribute_value\": 5}}]";
        String badSort = searchRequest("sort", "idtype-value", "{\"type\": \"UIN\", \"value\": \"" + nik + "\"}", "REGISTRY_EXCHANGE",
                "\"sort\": [{\"attribute_name\": \"full_name\", \"sort_order\": \"asc\"}]");

        search(message("search", searchRequest("attr", "predicate", unknownAttribute, "REGISTRY_EXCHANGE", ""), badSort, byNik("ok", nik)))
                .statusCode(200)
                .body("header.status", equalTo("succ"))
                .body("message.search_response.status", contains("rjct", "rjct", "succ"))
                .body("message.search_response.status_reason_code", contains("rjct.search_criteria.invalid", "rjct.sort.invalid", null));
    }

    @Test
    void callersWithoutTheRegistryRoleAreRefused() {
        String body = message("search", byNik("r", NikFixtures.woman()));
        given().contentType(ContentType.JSON).body(body).when().post("/registry/sync/search").then().statusCode(401);
        given().auth().oauth2(TestTokens.partner(PartnerFixtures.fresh())).contentType(ContentType.JSON).body(body)
                .when().post("/registry/sync/search").then().statusCode(403);
    }
}
