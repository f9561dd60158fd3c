package id.atensi.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Searches every text, character, JSON and array column of every table of a database for strings: the proof that an
 * erased person's data is held nowhere, whatever table a later change adds.
 */
public final class DatabaseScan {

    /** Fewer text columns than this means the scan is looking at the wrong schema, not that the data is gone. */
    private static final int FEWEST_TEXT_COLUMNS = 10;

    private DatabaseScan() {
    }

    /** {@link #columnsHolding(Connection, String)} on a connection of its own, for a service test's injected data source. */
    public static List<String> columnsHolding(DataSource database, String needle) {
        try (Connection connection = database.getConnection()) {
            return columnsHolding(connection, needle);
        } catch (SQLException e) {
            throw new IllegalStateException("the database scan failed", e);
        }
    }

    /** @return "table.column" of each column that holds {@code needle} somewhere (case-insensitive); empty when none does */
    public static List<String> columnsHolding(Connection connection, String needle) throws SQLException {
        return whereFound(connection, List.of(needle)).stream().map(hit -> hit.substring(0, hit.indexOf(" holds "))).toList();
    }

    /** @return "table.column holds needle" for each column and each of {@code needles} found in it (case-insensitive), sorted */
    public static List<String> whereFound(Connection connection, List<String> needles) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT c.table_schema, c.table_name, c.column_name
                FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
                  AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
                ORDER BY c.table_name, c.column_name""");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
        if (columns.size() < FEWEST_TEXT_COLUMNS) {
            throw new AssertionError("the scan found only " + columns.size() + " text columns: it is not looking at the service's tables");
        }
        List<String> hits = new ArrayList<>();
        for (String[] column : columns) {
            for (String needle : needles) {
                try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM \"%s\".\"%s\" WHERE strpos(lower(\"%s\"::text), lower(?)) > 0"
                        .formatted(column[0], column[1], column[2]))) {
                    count.setString(1, needle);
                    try (ResultSet result = count.executeQuery()) {
                        result.next();
                        if (result.getLong(1) > 0) {
                            hits.add(column[1] + "." + column[2] + " holds " + needle);
                        }
                    }
                }
            }
        }
        return hits;
    }
}
