package id.atensi.beneficiary.service;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GIN indexes' pending lists merged in the background instead of by the registration that overflows one. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class PendingListMergerTest {

    private static final List<String> TRIGRAM_INDEXES =
            List.of("beneficiary_name_trgm", "beneficiary_province_name_trgm", "beneficiary_name_search_trgm");

    @Inject
    PendingListMerger merger;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void serviceUnitsAreKnownAndOnlyTheMergerEmptiesTheLists() throws SQLException {
        ServiceUnitFixtures.standard();
        // Autovacuum and autoanalyze empty the lists too: between a registration and the run, the run would find nothing
        setAutovacuum("off");
    }

    @AfterEach
    void autovacuumAsBefore() throws SQLException {
        setAutovacuum(null);
    }

    private void setAutovacuum(String enabled) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("beneficiary", "beneficiary_name_search")) {
                statement.execute(enabled == null ? "ALTER TABLE " + table + " RESET (autovacuum_enabled)"
                        : "ALTER TABLE " + table + " SET (autovacuum_enabled = " + enabled + ")");
            }
        }
    }

    private boolean turnFree() throws SQLException {
        try (Connection otherReplica = dataSource.getConnection();
             PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, PendingListMerger.LOCK_KEY);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    return false;
                }
            }
            try (PreparedStatement unlock = otherReplica.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, PendingListMerger.LOCK_KEY);
                unlock.execute();
            }
            return true;
        }
    }

    private static void registerSomeone() {
        BeneficiaryFixtures.register("Dewi Merge " + UUID.randomUUID().toString().substring(0, 8), NikFixtures.woman(),
                NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
    }

    private double pagesCounted(String index) {
        var counter = registry.find("atensi.gin.pending.merged.pages").tag("index", index).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRunMergesThePagesRegistrationsLeftInTheTrigramIndexesAndTheNextFindsNone() throws SQLException {
        registerSomeone();
        registerSomeone();
        double countedBefore = pagesCounted("beneficiary_name_trgm");

        PendingListMerger.Run first = merger.mergeAll();

        assertEquals(List.of(), first.skipped());
        assertEquals(List.of(), first.failed());
        assertTrue(turnFree(), "the run left its turn taken");
        for (String index : TRIGRAM_INDEXES) {
            assertTrue(first.pagesMerged().getOrDefault(index, 0L) > 0, index + " merged nothing: " + first);
        }
        assertEquals(countedBefore + first.pagesMerged().getOrDefault("beneficiary_name_trgm", 0L),
                pagesCounted("beneficiary_name_trgm"));

        PendingListMerger.Run second = merger.mergeAll();

        for (String index : TRIGRAM_INDEXES) {
            assertEquals(0L, second.pagesMerged().get(index), index + " in the second run: " + second);
        }
    }

    @Test
    void anIndexHeldByDdlIsLeftForTheNextRunAndTheOthersAreMerged() throws Exception {
        registerSomeone();
        try (Connection ddl = dataSource.getConnection()) {
            ddl.setAutoCommit(false);
            try (Statement statement = ddl.createStatement()) {
                // An option that takes ACCESS EXCLUSIVE on the index until the transaction ends
                statement.execute("ALTER INDEX beneficiary_name_search_trgm SET (fastupdate = on)");
            }

            PendingListMerger.Run held = assertTimeoutPreemptively(Duration.ofSeconds(10), merger::mergeAll, "the run waited for the DDL");

            assertEquals(List.of("beneficiary_name_search_trgm"), held.failed());
            assertTrue(held.pagesMerged().getOrDefault("beneficiary_name_trgm", 0L) > 0, held.toString());
            ddl.rollback();
        }

        PendingListMerger.Run next = merger.mergeAll();

        assertEquals(List.of(), next.failed());
        assertTrue(next.pagesMerged().getOrDefault("beneficiary_name_search_trgm", 0L) > 0, next.toString());
    }

    @Test
    void anIndexLeftInvalidByAFailedConcurrentBuildIsNotMerged() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE merge_probe (word text)");
            statement.execute("INSERT INTO merge_probe VALUES ('probe')");
            statement.execute("""
                    CREATE FUNCTION merge_probe_words(text) RETURNS text[] IMMUTABLE LANGUAGE plpgsql
                    AS 'BEGIN RAISE EXCEPTION ''no words''; END'""");
            try {
                // Fails while building, and leaves the index in the catalog, not valid, as a cancelled build would
                assertThrows(SQLException.class, () -> statement.execute(
                        "CREATE INDEX CONCURRENTLY merge_probe_invalid ON merge_probe USING gin (merge_probe_words(word))"));

                PendingListMerger.Run run = merger.mergeAll();

                assertFalse(run.pagesMerged().containsKey("merge_probe_invalid"), run.toString());
                assertFalse(run.failed().contains("merge_probe_invalid"), run.toString());
                assertTrue(run.pagesMerged().containsKey("beneficiary_name_trgm"), run.toString());
            } finally {
                statement.execute("DROP TABLE merge_probe");
                statement.execute("DROP FUNCTION merge_probe_words(text)");
            }
        }
    }

    @Test
    void whileAnotherReplicaMergesARunSkipsItsTurn() throws Exception {
        registerSomeone();
        try (Connection otherReplica = dataSource.getConnection()) {
            try (PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, PendingListMerger.LOCK_KEY);
                lock.execute();
            }
            try {
                PendingListMerger.Run skipped = merger.mergeAll();

                assertTrue(skipped.skipped().containsAll(TRIGRAM_INDEXES), skipped.toString());
                assertEquals(Map.of(), skipped.pagesMerged());
                assertEquals(List.of(), skipped.failed());
            } finally {
                try (PreparedStatement unlock = otherReplica.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, PendingListMerger.LOCK_KEY);
                    unlock.execute();
                }
            }
        }

        PendingListMerger.Run after = merger.mergeAll();

        assertEquals(List.of(), after.skipped());
        assertTrue(after.pagesMerged().getOrDefault("beneficiary_name_trgm", 0L) > 0, after.toString());
    }

    @Test
    void anIndexTheServicesUserDoesNotOwnIsLeftUntriedAndItsOwnIndexesAreMerged() throws SQLException {
        // The harness connects as a superuser, which owns every index; a deployed service's user is not one
        String user = "merge_probe_service";
        String password = UUID.randomUUID().toString();
        try (Connection admin = dataSource.getConnection(); Statement statement = admin.createStatement()) {
            dropRoleAndWhatItOwns(statement, user);
            statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
            try {
                statement.execute("GRANT USAGE, CREATE ON SCHEMA " + admin.getSchema() + " TO " + user);
                statement.execute("SET ROLE " + user);
                statement.execute("CREATE TABLE merge_probe_owned (word text)");
                statement.execute("CREATE INDEX merge_probe_owned_trgm ON merge_probe_owned USING gin (word gin_trgm_ops)");
                statement.execute("INSERT INTO merge_probe_owned SELECT 'probe ' || n FROM generate_series(1, 100) n");
                statement.execute("RESET ROLE");
                registerSomeone();

                PendingListMerger.Run run;
                try (AgroalDataSource asThatUser = dataSourceOf(user, password)) {
                    run = new PendingListMerger(asThatUser, new SimpleMeterRegistry()).mergeAll();
                }

                assertEquals(Set.of("merge_probe_owned_trgm"), run.pagesMerged().keySet(), run.toString());
                assertTrue(run.pagesMerged().get("merge_probe_owned_trgm") > 0, run.toString());
                assertEquals(List.of(), run.failed(), "an index it does not own was tried: " + run);
                assertTrue(merger.mergeAll().pagesMerged().getOrDefault("beneficiary_name_trgm", 0L) > 0,
                        "the registration's pages were still pending for the index's owner");
            } finally {
                statement.execute("RESET ROLE");
                dropRoleAndWhatItOwns(statement, user);
            }
        }
    }

    /** Its table and its grants with it, so that a run that failed halfway leaves nothing for the next to trip on. */
    private static void dropRoleAndWhatItOwns(Statement statement, String user) throws SQLException {
        statement.execute("""
                DO $$ BEGIN
                  IF EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                    DROP OWNED BY %1$s;
                    DROP ROLE %1$s;
                  END IF;
                END $$""".formatted(user));
    }

    private static AgroalDataSource dataSourceOf(String user, String password) throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool.maxSize(1)
                .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url).principal(new NamePrincipal(user))
                        .credential(new SimplePassword(password)))));
    }
}
