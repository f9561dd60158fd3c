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
import java.util.UUID;
import java.util.function.IntSupplier;

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

    private static final int START_ATTEMPTS = 3;

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * @param dataDirectory where the cluster lives, kept between starts; {@code null} for a throwaway one
     * @param port          the port to listen on; 0 picks a free one
     */
    public static LocalPostgres start(Path dataDirectory, int port) {
        return start(dataDirectory, port, Ports::free);
    }

    /**
     * A free port is found by binding port 0 and letting it go, so another process (a test JVM beside this one) can
     * take it before the server binds it. The server then fails to bind, yet the port answers: the other server. Each
     * start names its server ({@code cluster_name}) and asks the port for that name. A throwaway server on a port of
     * its own choosing then tries again on another; a kept directory is started once, and a server of that same
     * directory left running by an earlier process is taken as before.
     */
    static LocalPostgres start(Path dataDirectory, int port, IntSupplier freePorts) {
        boolean throwaway = dataDirectory == null;
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = port > 0 || !throwaway || attempt == START_ATTEMPTS;
            int chosen = port > 0 ? port : freePorts.getAsInt();
            String name = "atensi-" + UUID.randomUUID().toString().replace("-", "");
            EmbeddedPostgres server;
            try {
                server = builder(dataDirectory, chosen).setServerConfig("cluster_name", name).start();
            } catch (IOException e) {
                if (lastAttempt) {
                    throw new UncheckedIOException("PostgreSQL (embedded server binaries) did not start on port " + chosen
                            + ": " + e.getMessage(), e);
                }
                continue;
            }
            if (isOurs(server, name, dataDirectory)) {
                return new LocalPostgres(server);
            }
            if (throwaway) {
                removeThrowaway(server);
            }
            if (lastAttempt) {
                throw new IllegalStateException("port " + chosen + " is answered by another PostgreSQL server, not the one started here");
            }
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setPort(port)
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
        SETTINGS.forEach(builder::setServerConfig);
        if (dataDirectory != null) {
            Files.createDirectories(dataDirectory);
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        return builder;
    }

    /** Whether the port answers with the server started here: by its name, or, for a kept directory, by that directory. */
    private static boolean isOurs(EmbeddedPostgres server, String name, Path dataDirectory) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('cluster_name'), current_setting('data_directory')")) {
            if (!row.next()) {
                return false;
            }
            return name.equals(row.getString(1))
                    || dataDirectory != null && Files.isSameFile(Path.of(row.getString(2)), dataDirectory);
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    /**
     * A throwaway server whose port another answered could not bind it and stopped: stopping it again fails, and what
     * matters is that its directory goes.
     */
    private static void removeThrowaway(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // Nothing of this server runs; its close reports that it found nothing to stop.
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
