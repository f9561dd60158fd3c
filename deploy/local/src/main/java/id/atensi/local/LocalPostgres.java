package id.atensi.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL server from the binaries that Maven Central ships, for machines without Docker.
 * With a data directory it keeps its data across restarts; without one it starts empty each time.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /**
     * What the server is sized with beyond PostgreSQL's defaults, the same for the local platform, the tests and the
     * benchmarks (bench/RESULTS.md, session 15; docs/operations/postgresql.md says how to size a production server).
     * A registry of 1,000,000 people is 1.35 GB with its indexes; with the default 128 MB of shared buffers an import
     * into it read and wrote back ~7 blocks a row from the OS cache, and with the default 1 GB of WAL between
     * checkpoints every page it touched was written into the WAL whole again after each checkpoint (22 MB of WAL per
     * 1,000 rows; with 8 GB and 15 minutes, 11 MB). An eighth of the machine's memory, between 128 MB and 2 GB: the
     * platform shares the machine with five JVMs, Kafka and Keycloak, and the memory is only taken as pages are read.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "shared_buffers", sharedBuffersMegabytes() + "MB",
            "max_wal_size", "8GB",
            "checkpoint_timeout", "15min");

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * @param dataDirectory where the cluster lives, kept between starts; {@code null} for a throwaway one
     * @param port          the port to listen on; 0 picks a free one
     */
    public static LocalPostgres start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
            SETTINGS.forEach(builder::setServerConfig);
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new LocalPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL (embedded server binaries) did not start: " + e.getMessage(), e);
        }
    }

    static long sharedBuffersMegabytes() {
        long machine = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return Math.max(128, Math.min(2048, machine / 8 / (1024 * 1024)));
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists already. */
    public void ensureDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
            try (Statement password = connection.createStatement()) {
                password.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
