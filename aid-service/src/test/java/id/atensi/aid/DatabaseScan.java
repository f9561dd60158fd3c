package id.atensi.aid;

import id.atensi.aid.events.KnownBeneficiary;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Searches every text, character, JSON and array column of every table of the service's database for a string: the
 * proof that an erased person's name is held nowhere, whatever table a later change adds.
 */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    /** @return "table.column" of each column that holds {@code needle} somewhere (case-insensitive); empty when none does */
    @SuppressWarnings("unchecked")
    public static List<String> columnsHolding(String needle) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager entityManager = KnownBeneficiary.getEntityManager();
            List<Object[]> columns = entityManager.createNativeQuery("""
                    SELECT c.table_schema, c.table_name, c.column_name
                    FROM information_schema.columns c
                    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                    WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
                      AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')""").getResultList();
            if (columns.size() < 10) {
                throw new AssertionError("the scan found only " + columns.size() + " text columns: it is not looking at the service's tables");
            }
            List<String> holding = new ArrayList<>();
            for (Object[] column : columns) {
                String sql = "SELECT count(*) FROM \"%s\".\"%s\" WHERE strpos(lower(\"%s\"::text), lower(:needle)) > 0"
                        .formatted(column[0], column[1], column[2]);
                long count = ((Number) entityManager.createNativeQuery(sql).setParameter("needle", needle).getSingleResult()).longValue();
                if (count > 0) {
                    holding.add(column[1] + "." + column[2]);
                }
            }
            return holding;
        });
    }
}
