package id.atensi.beneficiary.rest;

import id.atensi.testing.AtensiTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statements that find a person's likely-duplicate pairs by either side (the erasure's scrub, the pairs of one
 * person) find the second side through an index led by {@code second_id}: the pair's unique index is led by
 * {@code first_id}, and a scan of it for a second side reads every pair as a sequential scan does. (The erasure's
 * delete of open pairs is left out: on a test's handful of pairs the planner rightly prefers the status index.)
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class DuplicateCandidateIndexTest {

    private static final List<String> BY_EITHER_SIDE = List.of(
            "UPDATE duplicate_candidate SET reason = 'erased' WHERE first_id = '%1$s' OR second_id = '%1$s'",
            "SELECT id FROM duplicate_candidate WHERE second_id = '%1$s'");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPersonsPairsAreFoundByEitherSideWithoutReadingEveryPair() throws SQLException {
        String person = UUID.nameUUIDFromBytes("duplicate-candidate-index".getBytes()).toString();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL enable_seqscan = off");
            List<String> ledBySecond = indexesLedBySecondSide(statement);
            assertFalse(ledBySecond.isEmpty(), "no index of duplicate_candidate is led by second_id");
            for (String query : BY_EITHER_SIDE) {
                String plan = plan(statement, query.formatted(person));
                assertTrue(ledBySecond.stream().anyMatch(plan::contains), query + " finds the second side without "
                        + ledBySecond + ", reading every pair:\n" + plan);
            }
            connection.rollback();
        }
    }

    private static List<String> indexesLedBySecondSide(Statement statement) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("""
                SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                WHERE i.indrelid = 'duplicate_candidate'::regclass AND a.attname = 'second_id'""")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String plan(Statement statement, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet lines = statement.executeQuery("EXPLAIN " + query)) {
            while (lines.next()) {
                plan.append(lines.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
