package id.atensi.beneficiary.service;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
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
    void aRunMergesThePagesRegistrationsLeftInTheTrigramIndexesAndTheNextFindsNone() {
        registerSomeone();
        registerSomeone();
        double countedBefore = pagesCounted("beneficiary_name_trgm");

        PendingListMerger.Run first = merger.mergeAll();

        assertFalse(first.skipped());
        assertEquals(List.of(), first.failed());
        for (String index : TRIGRAM_INDEXES) {
            assertTrue(first.pagesMerged().getOrDefault(index, 0L) > 0, index + " merged nothing: " + first);
        }
        assertEquals(countedBefore + first.pagesMerged().get("beneficiary_name_trgm"), pagesCounted("beneficiary_name_trgm"));

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
            assertTrue(held.pagesMerged().get("beneficiary_name_trgm") > 0, held.toString());
            ddl.rollback();
        }

        PendingListMerger.Run next = merger.mergeAll();

        assertEquals(List.of(), next.failed());
        assertTrue(next.pagesMerged().get("beneficiary_name_search_trgm") > 0, next.toString());
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

                assertTrue(skipped.skipped());
                assertEquals(0, skipped.pagesMerged().size());
            } finally {
                try (PreparedStatement unlock = otherReplica.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, PendingListMerger.LOCK_KEY);
                    unlock.execute();
                }
            }
        }

        PendingListMerger.Run after = merger.mergeAll();

        assertFalse(after.skipped());
        assertTrue(after.pagesMerged().get("beneficiary_name_trgm") > 0, after.toString());
    }
}
