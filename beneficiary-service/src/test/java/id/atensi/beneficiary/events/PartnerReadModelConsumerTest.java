package id.atensi.beneficiary.events;

import id.atensi.beneficiary.ReadModelFixtures;
import id.atensi.beneficiary.service.BeneficiaryAccess;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TopicWriter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;


/**
 * partner-service's v2 events (the shared vocabulary's cluster values; a partner of the old
 * SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS names SOCIAL_EXCLUSION and TRAFFICKING_VICTIMS) reach the read model as
 * v1 does, written to the topic as partner-service writes them.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class PartnerReadModelConsumerTest {

    private static void publish(String type, String subject, String json) {
        try (TopicWriter writer = TopicWriter.create()) {
            writer.cloudEvent("atensi.partner.events", UUID.randomUUID().toString(), type, "/atensi/partner", subject, json);
        }
    }

    private static Optional<String> name(UUID id) {
        return KnownPartner.<KnownPartner>findByIdOptional(id).map(known -> known.legalName);
    }

    private static String partner(UUID id, String legalName, String status) {
        return """
                {"partnerId": "%s", "type": "LKS", "legalName": "%s", "shortName": "LKS Dua", "status": "%s",
                 "accreditationGrade": "A", "accreditationExpiresOn": "2027-12-31", "provinceCode": "32", "regencyCode": "32.01",
                 "clusters": ["SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS"], "parentId": null}""".formatted(id, legalName, status);
    }

    private static String unit(UUID id, String name, String status) {
        return """
                {"serviceUnitId": "%s", "name": "%s", "kind": "SENTRA", "provinceCode": "32", "regencyCode": "32.01",
                 "residentialCapacity": 40, "clusters": ["PERSONS_WITH_DISABILITIES", "SUBSTANCE_ABUSE_VICTIMS"],
                 "status": "%s"}""".formatted(id, name, status);
    }

    @Test
    void aPartnerRegisteredAndUpdatedInV2IsKnownWithItsNameAndStatus() {
        UUID id = UUID.randomUUID();
        publish("atensi.partner.registered.v2", id.toString(), partner(id, "Yayasan Versi Dua", "ACTIVE"));
        ReadModelFixtures.await("problem of partner " + id, Optional.empty(), () -> BeneficiaryAccess.partnerProblem(id));
        ReadModelFixtures.await("name of partner " + id, Optional.of("Yayasan Versi Dua"), () -> name(id));

        publish("atensi.partner.updated.v2", id.toString(), partner(id, "Yayasan Versi Dua Baru", "INACTIVE"));
        ReadModelFixtures.await("problem of partner " + id, Optional.of("partner " + id + " is inactive"),
                () -> BeneficiaryAccess.partnerProblem(id));
        ReadModelFixtures.await("name of partner " + id, Optional.of("Yayasan Versi Dua Baru"), () -> name(id));
    }

    @Test
    void aServiceUnitRegisteredInV2CanBeNamedAndIsRefusedOnceAV2UpdateClosesIt() {
        UUID id = UUID.randomUUID();
        publish("atensi.partner.service-unit.registered.v2", id.toString(), unit(id, "Sentra Versi Dua", "ACTIVE"));
        ReadModelFixtures.await("problem of unit " + id, Optional.empty(), () -> BeneficiaryAccess.unitProblem(id));

        publish("atensi.partner.service-unit.updated.v2", id.toString(), unit(id, "Sentra Versi Dua", "INACTIVE"));
        ReadModelFixtures.await("problem of unit " + id, Optional.of("service unit " + id + " is inactive"),
                () -> BeneficiaryAccess.unitProblem(id));
    }
}
