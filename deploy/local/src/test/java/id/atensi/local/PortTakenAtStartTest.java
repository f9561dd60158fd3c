package id.atensi.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two test JVMs start their servers at the same time, and a port found free can be taken by the other before the
 * server binds it. The port then answers, but with the other JVM's server: a start must notice and, on a port it chose
 * itself, go to another. Each test hands the start the other server's port as the first "free" one.
 */
class PortTakenAtStartTest {

    /** Where the reactor's build gathered the broker's jars (the root as surefire names it for every module). */
    private static final Path KAFKA_LIBRARIES = Path.of(System.getProperty("atensi-repository-root", "../.."),
            "deploy", "local", "kafka-broker", "target", "kafka-libs");

    @TempDir
    Path work;

    @Test
    void aPostgresServerWhosePortWasTakenMovesToAnotherAndIsItsOwn() throws Exception {
        try (LocalPostgres other = LocalPostgres.start(null, 0);
             LocalPostgres started = LocalPostgres.start(null, 0, takenFirst(other.port()))) {
            assertNotEquals(other.port(), started.port());
            started.ensureDatabase("made_by_the_second_server");
            assertTrue(databaseExists(started, "made_by_the_second_server"));
            assertFalse(databaseExists(other, "made_by_the_second_server"), "the second start used the first server");
        }
    }

    @Test
    void aPostgresServerAskedForAPortAnotherServerHoldsFailsAndSaysSo() {
        try (LocalPostgres other = LocalPostgres.start(null, 0)) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> LocalPostgres.start(null, other.port()));
            assertTrue(failure.getMessage().contains("port " + other.port() + " is answered by another PostgreSQL server"),
                    failure.getMessage());
        }
    }

    @Test
    void aKafkaBrokerWhosePortWasTakenMovesToAnotherAndIsItsOwn() throws Exception {
        try (LocalKafka other = LocalKafka.start(KAFKA_LIBRARIES, work.resolve("other"), 0);
             LocalKafka started = LocalKafka.start(KAFKA_LIBRARIES, work.resolve("started"), 0, takenFirst(port(other)))) {
            assertNotEquals(other.bootstrapServers(), started.bootstrapServers());
            String ownId = clusterIdOnDisk(work.resolve("started"));
            assertEquals(ownId, clusterAnswering(started));
            assertNotEquals(clusterIdOnDisk(work.resolve("other")), ownId);
        }
    }

    @Test
    void aKafkaBrokerAskedForAPortAnotherBrokerHoldsFailsAndKeepsItsDirectory() throws Exception {
        try (LocalKafka other = LocalKafka.start(KAFKA_LIBRARIES, work.resolve("other"), 0)) {
            Path directory = work.resolve("fixed-port");
            assertThrows(LocalKafka.BrokerDidNotStart.class, () -> LocalKafka.start(KAFKA_LIBRARIES, directory, port(other)));
            assertTrue(Files.exists(directory.resolve("data").resolve("meta.properties")), "a start on a fixed port wiped its directory");
            assertEquals(clusterIdOnDisk(work.resolve("other")), clusterAnswering(other));
        }
    }

    private static IntSupplier takenFirst(int taken) {
        AtomicBoolean handedOut = new AtomicBoolean();
        return () -> handedOut.getAndSet(true) ? Ports.free() : taken;
    }

    private static int port(LocalKafka kafka) {
        String servers = kafka.bootstrapServers();
        return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
    }

    private static boolean databaseExists(LocalPostgres postgres, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            row.next();
            return row.getInt(1) == 1;
        }
    }

    private static String clusterIdOnDisk(Path directory) throws Exception {
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(directory.resolve("data").resolve("meta.properties"))) {
            meta.load(reader);
        }
        return meta.getProperty("cluster.id");
    }

    private static String clusterAnswering(LocalKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
        }
    }
}
