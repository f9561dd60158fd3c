package id.atensi.webhook.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.EventTopic;
import id.atensi.testing.TestTokens;
import id.atensi.webhook.Receiver;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static id.atensi.webhook.WebhookFixtures.AID;
import static id.atensi.webhook.WebhookFixtures.ALL_FAMILIES;
import static id.atensi.webhook.WebhookFixtures.BENEFICIARY;
import static id.atensi.webhook.WebhookFixtures.PARTNER;
import static id.atensi.webhook.WebhookFixtures.TRAINING;
import static id.atensi.webhook.WebhookFixtures.as;
import static id.atensi.webhook.WebhookFixtures.endpoint;
import static id.atensi.webhook.WebhookFixtures.partner;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The authorisation matrix of deliveries: for every event family, each of two partners is the one the rules name
 * (serves the person, party to the agreement, provides the class, channels the distribution), and each receives
 * exactly its own events, never the other's, including the follow-up events that do not name partners.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class PartnerScopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Published(String eventId, String type) {
    }

    @Test
    void aPartnerReceivesExactlyTheEventsOfWhatItServesProvidesIsPartyToOrChannels() throws Exception {
        String a = partner();
        String b = partner();
        try (Receiver receiverA = Receiver.start(); Receiver receiverB = Receiver.start()) {
            String endpointA = endpoint(a, receiverA.url(), ALL_FAMILIES)[0];
            String endpointB = endpoint(b, receiverB.url(), ALL_FAMILIES)[0];
            Map<String, List<Published>> forA = eventsConcerning(a);
            Map<String, List<Published>> forB = eventsConcerning(b);

            int expectedA = forA.values().stream().mapToInt(List::size).sum();
            int expectedB = forB.values().stream().mapToInt(List::size).sum();
            assertEquals(expectedA, expectedB);
            List<Receiver.Request> gotA = receiverA.awaitRequests(expectedA, Duration.ofSeconds(60));
            List<Receiver.Request> gotB = receiverB.awaitRequests(expectedB, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                as(TestTokens.admin()).get("/api/v1/webhooks/endpoints/" + endpointA + "/deliveries?status=PENDING").then().body("total", equalTo(0));
                as(TestTokens.admin()).get("/api/v1/webhooks/endpoints/" + endpointB + "/deliveries?status=PENDING").then().body("total", equalTo(0));
            });

            for (String family : forA.keySet()) {
                assertEquals(ids(forA.get(family)), received(receiverA.received(), family), family + ": A receives exactly its own");
                assertEquals(ids(forB.get(family)), received(receiverB.received(), family), family + ": B receives exactly its own");
            }
            assertEquals(expectedA, receiverA.received().size(), "nothing else reached A: " + gotA.size());
            assertEquals(expectedB, receiverB.received().size(), "nothing else reached B: " + gotB.size());
        }
    }

    private static Set<String> ids(List<Published> published) {
        return published.stream().map(Published::eventId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> received(List<Receiver.Request> requests, String family) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (Receiver.Request request : requests) {
            var event = JSON.readTree(request.body());
            if (event.get("type").asText().startsWith(family)) {
                ids.add(event.get("id").asText());
            }
        }
        return ids;
    }

    /** One event of every delivered kind whose rules name {@code partnerId}, by family prefix. */
    private static Map<String, List<Published>> eventsConcerning(String partnerId) {
        Map<String, List<Published>> events = new LinkedHashMap<>();
        String person = UUID.randomUUID().toString();
        String member = UUID.randomUUID().toString();
        List<Published> beneficiary = new ArrayList<>();
        beneficiary.add(publish(BENEFICIARY, "atensi.beneficiary.registered.v1", person, """
                {"beneficiaryId":"%s","fullName":"Orang","status":"REGISTERED","registeredAt":"2026-03-01T09:00:00+07:00","partnerIds":["%s"]}"""
                .formatted(person, partnerId)));
        beneficiary.add(publish(BENEFICIARY, "atensi.beneficiary.updated.v1", person, """
                {"beneficiaryId":"%s","fullName":"Orang Baru","partnerIds":["%s"],"changedFields":["fullName"]}""".formatted(person, partnerId)));
        beneficiary.add(publish(BENEFICIARY, "atensi.beneficiary.status-changed.v1", person, """
                {"beneficiaryId":"%s","fromStatus":"REGISTERED","toStatus":"ASSESSED"}""".formatted(person)));
        beneficiary.add(publish(BENEFICIARY, "atensi.beneficiary.consent-changed.v1", person, """
                {"beneficiaryId":"%s","consentId":"%s","purpose":"PARTNER_SHARING","given":true,"changedAt":"2026-03-01T09:00:00+07:00"}"""
                .formatted(person, UUID.randomUUID())));
        String household = UUID.randomUUID().toString();
        beneficiary.add(publish(BENEFICIARY, "atensi.beneficiary.household.registered.v1", household, """
                {"householdId":"%s","headBeneficiaryId":"%s","memberIds":["%s","%s"],"active":true}""".formatted(household, person, person, member)));
        String group = UUID.randomUUID().toString();
        beneficiary.add(publish(BENEFICIARY, "atensi.beneficiary.group.registered.v1", group, """
                {"groupId":"%s","name":"KUBE","coachingPartnerId":"%s","memberIds":[],"active":true}""".formatted(group, partnerId)));
        beneficiary.add(publish(BENEFICIARY, "atensi.beneficiary.merged.v1", person, """
                {"beneficiaryId":"%s","survivorId":"%s"}""".formatted(person, UUID.randomUUID())));
        events.put("atensi.beneficiary.", beneficiary);

        List<Published> partners = new ArrayList<>();
        partners.add(publish(PARTNER, "atensi.partner.updated.v2", partnerId, """
                {"partnerId":"%s","type":"LKS","legalName":"Yayasan Uji","status":"ACTIVE"}""".formatted(partnerId)));
        String agreement = UUID.randomUUID().toString();
        partners.add(publish(PARTNER, "atensi.partner.agreement.signed.v1", agreement, """
                {"agreementId":"%s","number":"PKS-1","status":"SIGNED","parties":[{"partnerId":"%s","role":"IMPLEMENTER"},
                 {"serviceUnitId":"0a000000-0000-4000-8000-00000000000a","role":"UNIT"}]}""".formatted(agreement, partnerId)));
        partners.add(publish(PARTNER, "atensi.partner.agreement.terminated.v1", agreement, """
                {"agreementId":"%s","number":"PKS-1","status":"TERMINATED","reason":"selesai"}""".formatted(agreement)));
        events.put("atensi.partner.", partners);

        List<Published> training = new ArrayList<>();
        String classId = UUID.randomUUID().toString();
        training.add(publish(TRAINING, "atensi.training.class.scheduled.v1", classId, """
                {"classId":"%s","title":"Menjahit","providerPartnerIds":["%s"],"capacity":20}""".formatted(classId, partnerId)));
        training.add(publish(TRAINING, "atensi.training.class.opened.v1", classId, """
                {"classId":"%s","openedAt":"2026-03-02T08:00:00+07:00"}""".formatted(classId)));
        String enrolment = UUID.randomUUID().toString();
        training.add(publish(TRAINING, "atensi.training.participant.enrolled.v1", enrolment, """
                {"enrolmentId":"%s","classId":"%s","beneficiaryId":"%s","status":"ENROLLED"}""".formatted(enrolment, classId, person)));
        events.put("atensi.training.", training);

        List<Published> aid = new ArrayList<>();
        String distribution = UUID.randomUUID().toString();
        aid.add(publish(AID, "atensi.aid.distribution.approved.v2", distribution, """
                {"distributionId":"%s","programmeId":"%s","channellingPartnerId":"%s","recipientKind":"PERSON","recipientId":"%s","amountIdr":500000}"""
                .formatted(distribution, UUID.randomUUID(), partnerId, person)));
        aid.add(publish(AID, "atensi.aid.distribution.dispatched.v1", distribution, """
                {"distributionId":"%s","amountIdr":500000}""".formatted(distribution)));
        events.put("atensi.aid.", aid);
        return events;
    }

    private static Published publish(EventTopic topic, String type, String subject, String json) {
        String eventId = UUID.randomUUID().toString();
        topic.publish(eventId, type, subject, json);
        return new Published(eventId, type);
    }
}
