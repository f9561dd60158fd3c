package id.atensi.beneficiary;

import id.atensi.beneficiary.service.BeneficiaryAccess;
import id.atensi.testing.TopicWriter;

import java.util.Optional;
import java.util.UUID;

/**
 * Partners made known to the service the way production learns them: partner-service events on Kafka, read by the
 * partner-read-model consumer. A partner must be known before it is named for a person or a group, or registers one.
 */
public final class PartnerFixtures {

    private PartnerFixtures() {
    }

    /** A new partner, known and active. */
    public static String fresh() {
        String partner = UUID.randomUUID().toString();
        publish(partner, "atensi.partner.registered.v2", "ACTIVE");
        await(partner, Optional.empty());
        return partner;
    }

    private static void publish(String partner, String type, String status) {
        try (TopicWriter writer = TopicWriter.create()) {
            writer.cloudEvent("atensi.partner.events", UUID.randomUUID().toString(), type, "/atensi/partner", partner, """
                    {"partnerId": "%s", "type": "LKS", "legalName": "Yayasan Test %s", "status": "%s", "provinceCode": "32",
                     "regencyCode": "32.01", "clusters": ["ELDERLY"]}""".formatted(partner, partner.substring(0, 8), status));
        }
    }

    private static void await(String id, Optional<String> expected) {
        ReadModelFixtures.await("the read model's problem with partner " + id, expected,
                () -> BeneficiaryAccess.partnerProblem(UUID.fromString(id)));
    }
}
