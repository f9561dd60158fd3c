package id.atensi.bench.beneficiary;

import id.atensi.testing.TestInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database's statements over an interval of the import benchmark, by time spent in them, from pg_stat_statements
 * (the server must load it: {@code shared_preload_libraries = 'pg_stat_statements'}, {@code pg_stat_statements.track =
 * all} to see the statements triggers run). The view lives in the server's {@code postgres} database, so the bench
 * database's schema stays the service's own. Times are wall time inside PostgreSQL; on a quiet machine with
 * {@code fsync} off they are close to its CPU.
 */
final class PgStatements {

    private PgStatements() {
    }

    static void reset(String benchJdbc, TestInfrastructure infrastructure) {
        try (Connection connection = admin(benchJdbc, infrastructure); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            System.out.println("pg_stat_statements not available (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** The {@code limit} statements of the bench database that took longest since the reset, and their sum. */
    static String report(String benchJdbc, TestInfrastructure infrastructure, String database, int limit) {
        StringBuilder out = new StringBuilder();
        try (Connection connection = admin(benchJdbc, infrastructure);
             PreparedStatement select = connection.prepareStatement("""
                     SELECT calls, total_exec_time, rows, toplevel, regexp_replace(query, '\\s+', ' ', 'g'),
                         sum(total_exec_time) FILTER (WHERE toplevel) OVER (), sum(calls) FILTER (WHERE toplevel) OVER ()
                     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = ?)
                     ORDER BY total_exec_time DESC LIMIT ?""")) {
            select.setString(1, database);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                boolean first = true;
                while (rows.next()) {
                    if (first) {
                        out.append("database statements, CSV POST to outbox drained: top-level %,.0f ms in %,d calls; by time (nested = run by a trigger or function):%n"
                                .formatted(rows.getDouble(6), rows.getLong(7)));
                        out.append("  %8s %10s %9s  %s%n".formatted("calls", "ms", "rows", "statement"));
                        first = false;
                    }
                    String query = rows.getString(5);
                    out.append("  %,8d %,10.0f %,9d  %s%s%n".formatted(rows.getLong(1), rows.getDouble(2), rows.getLong(3),
                            rows.getBoolean(4) ? "" : "(nested) ", query.length() > 150 ? query.substring(0, 150) + "…" : query));
                }
            }
        } catch (SQLException e) {
            out.append("pg_stat_statements not read (").append(e.getMessage().lines().findFirst().orElse("")).append(")\n");
        }
        try (Connection connection = DriverManager.getConnection(benchJdbc, infrastructure.dbUser(), infrastructure.dbPassword());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT relname, autovacuum_count, autoanalyze_count FROM pg_stat_user_tables
                     WHERE autovacuum_count + autoanalyze_count > 0 ORDER BY relname""")) {
            StringBuilder tables = new StringBuilder();
            while (rows.next()) {
                tables.append(tables.isEmpty() ? "" : ", ").append("%s %d/%d".formatted(rows.getString(1), rows.getLong(2), rows.getLong(3)));
            }
            out.append("autovacuum/autoanalyze runs since the database was made: ").append(tables.isEmpty() ? "none" : tables).append('\n');
        } catch (SQLException e) {
            out.append("pg_stat_user_tables not read (").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    private static Connection admin(String benchJdbc, TestInfrastructure infrastructure) throws SQLException {
        int slash = benchJdbc.lastIndexOf('/');
        int query = benchJdbc.indexOf('?', slash);
        String url = benchJdbc.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : benchJdbc.substring(query));
        return DriverManager.getConnection(url, infrastructure.dbUser(), infrastructure.dbPassword());
    }
}
