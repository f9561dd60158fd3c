package id.atensi.aid;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicWriter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static id.atensi.aid.Aid.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class PartnerReadModelTest {

    private static final String TOPIC = "atensi.partner.events";

    @Test
    void aKnownPartnerIsVerifiedAndGivesItsRegionToTheTotals() {
        String lks = UUID.randomUUID().toString();
        String province = String.valueOf(10 + (int) (Math.random() * 80));
        try (TopicWriter topic = TopicWriter.create()) {
            topic.cloudEvent(TOPIC, UUID.randomUUID().toString(), "atensi.partner.registered.v1", "/atensi/partner", lks, """
                    {"partnerId":"%s","type":"LKS","legalName":"Yayasan Kumala","shortName":"Kumala","status":"ACTIVE",
                     "provinceCode":"%s","regencyCode":null,"clusters":["ELDERLY"],"parentId":null}""".formatted(lks, province));
        }
        String[] programme = Aid.programme(10_000_000);
        String item = Aid.item("STAPLE_FOOD_PACKAGE", 250_000);
        String[] probe = Aid.programme(10_000_000);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                Aid.propose(TestTokens.partner(lks), Aid.proposal(probe, "COMMUNITY_GROUP", UUID.randomUUID().toString(), item, 1))
                        .statusCode(201).body("channellingPartnerVerified", equalTo(true)));
        Aid.propose(TestTokens.partner(lks), Aid.proposal(programme, "COMMUNITY_GROUP", UUID.randomUUID().toString(), item, 4))
                .statusCode(201).body("channellingPartnerVerified", equalTo(true));
        as(TestTokens.officer()).get("/api/v1/aid/reports/totals?by=region&programmeId={p}", programme[0]).then().statusCode(200)
                .body("find { it.key == '%s' }.proposedIdr".formatted(province), equalTo(1_000_000));
        Aid.propose(TestTokens.partner(UUID.randomUUID().toString()), Aid.proposal(programme, "COMMUNITY_GROUP", UUID.randomUUID().toString(), item, 1))
                .statusCode(201).body("channellingPartnerVerified", equalTo(false));
        as(TestTokens.officer()).get("/api/v1/aid/reports/totals?by=region&programmeId={p}", programme[0]).then().statusCode(200)
                .body("find { it.key == 'UNKNOWN' }.proposedIdr", equalTo(250_000));
    }

    @Test
    void aDeactivatedPartnerChannelsNoMoreAid() {
        String lks = UUID.randomUUID().toString();
        try (TopicWriter topic = TopicWriter.create()) {
            topic.cloudEvent(TOPIC, UUID.randomUUID().toString(), "atensi.partner.registered.v1", "/atensi/partner", lks, """
                    {"partnerId":"%s","type":"LKS","legalName":"Yayasan Tutup","status":"ACTIVE","provinceCode":"31"}""".formatted(lks));
            topic.cloudEvent(TOPIC, UUID.randomUUID().toString(), "atensi.partner.deactivated.v1", "/atensi/partner", lks, """
                    {"partnerId":"%s","legalName":"Yayasan Tutup","status":"INACTIVE","reason":"izin dicabut","deactivatedAt":"2026-02-01T00:00:00Z"}"""
                    .formatted(lks));
        }
        String[] programme = Aid.programme(10_000_000);
        String item = Aid.item("EQUIPMENT", 1_000_000);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                Aid.propose(TestTokens.partner(lks), Aid.proposal(programme, "COMMUNITY_GROUP", UUID.randomUUID().toString(), item, 1))
                        .statusCode(422).body("rule", equalTo("inactive-partner")));
    }
}
