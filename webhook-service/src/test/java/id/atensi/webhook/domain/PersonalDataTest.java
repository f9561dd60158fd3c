package id.atensi.webhook.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonalDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fieldsNamedLikeNikOrKkAreRemovedAtAnyDepth() throws Exception {
        ObjectNode data = (ObjectNode) JSON.readTree("""
                {"beneficiaryId":"b","nik":"3201010101010001","kkNumber":"3201010101010002",
                 "members":[{"id":"m","nikHash":"x","name":"y"}],"household":{"noKk":"3","unit":"u"}}""");
        PersonalData.removePersonalNumbers(data);
        assertEquals(JSON.readTree("""
                {"beneficiaryId":"b","members":[{"id":"m","name":"y"}],"household":{"unit":"u"}}"""), data);
    }

    @Test
    void withoutConsentOnlyIdsStatusesTimesAndCountsStay() throws Exception {
        ObjectNode data = (ObjectNode) JSON.readTree("""
                {"beneficiaryId":"b","fullName":"Siti","status":"ACTIVE","provinceCode":"32","regencyCode":"32.01",
                 "partnerIds":["p"],"reason":"pindah","certificateNumber":"C-1","somethingNew":"?"}""");
        PersonalData.withholdPersonalFields(data);
        assertEquals(JSON.readTree("""
                {"beneficiaryId":"b","status":"ACTIVE","partnerIds":["p"]}"""), data);
    }
}
