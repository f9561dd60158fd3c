package id.atensi.aid;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.aid.Aid.as;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class PartnerReadModelTest {

    private static final String TOPIC = "atensi.partner.events";

    @Test
    void aKnownActivePartnerChannelsAidAndAnUnknownOneIsRefused() {
        String lks = Aid.partner();
        String[] programme = Aid.programme(10_000_000);
        String item = Aid.item("STAPLE_FOOD_PACKAGE", 250_000);
        Aid.propose(TestTokens.partner(lks), Aid.proposal(programme, "COMMUNITY_GROUP", Aid.group(), item, 4))
                .statusCode(201).body("channellingPartnerVerified", equalTo(true));
        Aid.propose(TestTokens.partner(UUID.randomUUID().toString()), Aid.proposal(programme, "COMMUNITY_GROUP", Aid.group(), item, 1))
                .statusCode(422).body("rule", equalTo("unknown-partner"));
    }

    @Test
    void aDeactivatedPartnerChannelsNoMoreAidNorFundsAProgramme() {
        String lks = Aid.partner();
        Aid.publish(TOPIC, "atensi.partner.deactivated.v1", lks, """
                {"partnerId":"%s","legalName":"Yayasan Tutup","status":"INACTIVE","reason":"izin dicabut","deactivatedAt":"2026-02-01T00:00:00Z"}"""
                .formatted(lks));
        Aid.awaitPartner(lks, "INACTIVE");
        String[] programme = Aid.programme(10_000_000);
        String item = Aid.item("EQUIPMENT", 1_000_000);
        Aid.propose(TestTokens.partner(lks), Aid.proposal(programme, "COMMUNITY_GROUP", Aid.group(), item, 1))
                .statusCode(422).body("rule", equalTo("inactive-partner"));
        as(TestTokens.admin()).body(programme(Map.of("kind", "CSR", "partnerId", lks, "amountIdr", 1_000_000)))
                .post("/api/v1/aid/programmes").then().statusCode(422).body("rule", equalTo("inactive-partner"));
    }

    @Test
    void csrAndOtherNonStateFundersMustBeKnownActivePartners() {
        String csr = Aid.partner();
        as(TestTokens.admin()).body(programme(Map.of("kind", "CSR", "partnerId", UUID.randomUUID().toString(), "amountIdr", 1_000_000)))
                .post("/api/v1/aid/programmes").then().statusCode(422).body("rule", equalTo("unknown-partner"));
        as(TestTokens.admin()).body(programme(Map.of("kind", "OTHER", "funderName", "Baznas", "partnerId", UUID.randomUUID().toString(),
                        "amountIdr", 1_000_000)))
                .post("/api/v1/aid/programmes").then().statusCode(422).body("rule", equalTo("unknown-partner"));
        as(TestTokens.admin()).body(programme(Map.of("kind", "CSR", "partnerId", csr, "amountIdr", 1_000_000)))
                .post("/api/v1/aid/programmes").then().statusCode(201).body("fundingSources[0].partnerId", equalTo(csr));
    }

    @Test
    void anUpdatedPartnerEventReplacesWhatIsKnown() {
        String lks = Aid.partner();
        Aid.publish(TOPIC, "atensi.partner.updated.v1", lks, """
                {"partnerId":"%s","type":"LKS","legalName":"Yayasan Baru","status":"SUSPENDED","provinceCode":"18","regencyCode":"18.71"}"""
                .formatted(lks));
        Aid.awaitPartner(lks, "SUSPENDED");
        Aid.propose(TestTokens.partner(lks), Aid.proposal(Aid.programme(1_000_000), "COMMUNITY_GROUP", Aid.group(), Aid.item("CASH", 1), 1))
                .statusCode(422).body("rule", equalTo("inactive-partner"));
    }

    private static Map<String, Object> programme(Map<String, Object> share) {
        return Map.of("name", "Bansos CSR", "kind", "SOCIAL_AID", "periodStart", "2026-01-01", "periodEnd", "2026-12-31",
                "fundingSources", List.of(share));
    }
}
