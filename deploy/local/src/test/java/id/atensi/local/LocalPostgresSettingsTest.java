package id.atensi.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server runs with the sizes LocalPostgres names, whether it keeps its data or not. */
class LocalPostgresSettingsTest {

    @TempDir
    Path data;

    @Test
    void aThrowawayServerAndOneWithADataDirectoryAreSizedAlike() throws Exception {
        for (Path directory : new Path[] {null, data.resolve("postgres")}) {
            try (LocalPostgres postgres = LocalPostgres.start(directory, 0);
                 Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD);
                 Statement statement = connection.createStatement()) {
                assertEquals(LocalPostgres.sharedBuffersMegabytes() * 1024 * 1024, bytes(statement, "shared_buffers"));
                assertEquals(8L * 1024 * 1024 * 1024, bytes(statement, "max_wal_size"));
                assertEquals("15min", show(statement, "checkpoint_timeout"));
                assertEquals(directory == null ? "off" : "on", show(statement, "fsync"));
            }
        }
    }

    @Test
    void sharedBuffersAreAnEighthOfTheMachineBetween128MegabytesAnd2Gigabytes() {
        long megabytes = LocalPostgres.sharedBuffersMegabytes();
        assertTrue(megabytes >= 128 && megabytes <= 2048, megabytes + " MB");
    }

    private static long bytes(Statement statement, String setting) throws Exception {
        try (ResultSet row = statement.executeQuery("SELECT pg_size_bytes(current_setting('" + setting + "'))")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String show(Statement statement, String setting) throws Exception {
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }
}
