package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registration takes time-ordered ids (UUID version 7) for the person, its timeline entry, the audit row of its
 * unmasked answer and its event (platform-commons' EventOutbox), as the import does, so that the registry's B-trees
 * grow at their right edge; a later registration's id sorts after an earlier one's.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class RegistrationIdsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRegistrationsRowsHaveTimeOrderedIdsAndALaterPersonsIdSortsAfter() throws SQLException {
        String unit = ServiceUnitFixtures.fresh();
        String first = BeneficiaryFixtures.registerFull("Siti Aminah", NikFixtures.woman(), unit).path("id");
        String second = BeneficiaryFixtures.registerFull("Dewi Lestari", NikFixtures.woman(), unit).path("id");

        assertEquals(7, UUID.fromString(first).version(), "the first person's id " + first);
        assertEquals(7, UUID.fromString(second).version(), "the second person's id " + second);
        assertTrue(second.compareTo(first) > 0, "the later person's id " + second + " sorts after " + first);
        assertEquals(7, version("SELECT id FROM timeline_entry WHERE beneficiary_id = CAST(? AS uuid) AND kind = 'registered'", second),
                "the registration's timeline entry");
        assertEquals(7, version("SELECT id FROM personal_data_access WHERE beneficiary_id = CAST(? AS uuid) AND action = 'register'", second),
                "the audit row of the unmasked answer");
        assertEquals(7, version("SELECT id FROM outbox_event WHERE aggregate_id = ? AND event_type LIKE '%.registered.v1'", second),
                "the registration's event");
    }

    private int version(String query, String personId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, personId);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next(), "a row for " + personId + ": " + query);
                return row.getObject(1, UUID.class).version();
            }
        }
    }
}
