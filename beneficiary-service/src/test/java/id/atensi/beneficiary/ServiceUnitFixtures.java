package id.atensi.beneficiary;

import id.atensi.beneficiary.service.BeneficiaryAccess;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicWriter;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service units made known to the service the way production learns them: partner-service events on Kafka, read by
 * the partner-read-model consumer. A unit must be known before a person, household or group can be served there.
 */
public final class ServiceUnitFixtures {

    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private ServiceUnitFixtures() {
    }

    /** The test tokens' units, {@link TestTokens#UNIT_A} and {@link TestTokens#UNIT_B}. */
    public static void standard() {
        ensure(TestTokens.UNIT_A, TestTokens.UNIT_B);
    }

    /** A new unit, known and active, for tests that need their own slice of the registry. */
    public static String fresh() {
        String unit = UUID.randomUUID().toString();
        ensure(unit);
        return unit;
    }

    private static void ensure(String... units) {
        for (String unit : units) {
            if (!KNOWN.contains(unit)) {
                publish(unit, "atensi.partner.service-unit.registered.v1", null);
                await(unit, Optional.empty());
                KNOWN.add(unit);
            }
        }
    }

    /** Reports the unit as inactive (a status partner-service may send), and waits until the service has it. */
    public static String inactive() {
        String unit = fresh();
        publish(unit, "atensi.partner.service-unit.updated.v1", "INACTIVE");
        await(unit, Optional.of("service unit " + unit + " is inactive"));
        return unit;
    }

    private static void publish(String unit, String type, String status) {
        try (TopicWriter writer = TopicWriter.create()) {
            writer.cloudEvent("atensi.partner.events", UUID.randomUUID().toString(), type, "/atensi/partner", unit, """
                    {"serviceUnitId": "%s", "name": "Sentra Test %s", "kind": "SENTRA", "provinceCode": "32", "regencyCode": "32.01",
                     "residentialCapacity": 10, "clusters": [], "status": %s}"""
                    .formatted(unit, unit.substring(0, 8), status == null ? "null" : "\"" + status + "\""));
        }
    }

    private static void await(String id, Optional<String> expected) {
        ReadModelFixtures.await("the read model's problem with service unit " + id, expected,
                () -> BeneficiaryAccess.unitProblem(UUID.fromString(id)));
    }
}
