package id.atensi.local.launcher;

import id.atensi.local.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./atensi start --infra-only on the real infrastructure process (embedded PostgreSQL, the Kafka broker, Keycloak):
 * the servers it runs are recorded, a hard-killed infrastructure process leaves them behind and stop still ends
 * them, and keep their data. Needs the Kafka broker's jars and Keycloak's distribution, which
 * the reactor builds before this module.
 */
class RealInfrastructureTest {

    @TempDir
    Path data;

    private final Map<String, String> environment = new LinkedHashMap<>();

    @BeforeEach
    void settings() {
        environment.put("ATENSI_DATA_DIR", data.toString());
        for (String variable : List.of("ATENSI_PG_PORT", "ATENSI_KAFKA_PORT", "ATENSI_KEYCLOAK_PORT", "ATENSI_GATEWAY_PORT")) {
            environment.put(variable, String.valueOf(Ports.free()));
        }
    }

    @AfterEach
    void stopEverything() {
        atensi("stop");
    }

    private String[] atensi(String... args) {
        String root = System.getProperty("atensi-repository-root");
        if (root == null) {
            throw new IllegalStateException("run the tests through Maven (atensi-repository-root is not set)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        String classpath = System.getProperty("java.class.path");
        int code = new Launcher(Path.of(root), environment, stream, stream, (repository, dataDirectory, settings) ->
                new LocalPlatform(repository, dataDirectory, settings, classpath), Duration.ofMinutes(5), Duration.ofSeconds(30)).run(args);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8)};
    }

    private List<String> leftOver() {
        return ProcessHandle.allProcesses().filter(process -> process.pid() != ProcessHandle.current().pid())
                .map(process -> Supervisor.commandLine(process.pid()).orElse(""))
                .filter(command -> command.contains(data.toString())).toList();
    }

    private String kafkaClusterId() throws IOException {
        return Files.readAllLines(data.resolve("kafka/data/meta.properties")).stream().filter(line -> line.startsWith("cluster.id="))
                .findFirst().orElseThrow();
    }

    @Test
    void theInfrastructureStartsIsRecordedWithItsServersAndNothingOutlivesAHardKillAndAStop()
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        String[] start = atensi("start", "--infra-only", "--detach");
        assertEquals("0", start[0], start[1]);
        assertTrue(start[1].contains("PostgreSQL, Kafka and Keycloak ready in"), start[1]);
        assertTrue(start[1].contains("export ATENSI_TOKEN_OFFICER=ey"), start[1]);
        assertTrue(start[1].contains("Only the infrastructure runs."), start[1]);
        String[] status = atensi("status");
        assertEquals("0", status[0], status[1]);
        for (String server : List.of("PostgreSQL", "Kafka broker", "Keycloak")) {
            assertTrue(Pattern.compile("(?m)^  " + server + " +running \\(pid \\d+\\)").matcher(status[1]).find(), status[1]);
        }
        assertTrue(status[1].contains("http://127.0.0.1:" + environment.get("ATENSI_KEYCLOAK_PORT") + " ready"), status[1]);
        String[] tokens = atensi("tokens", "--unit", "00000000-0000-4000-8000-00000000beef");
        assertEquals("0", tokens[0], tokens[1]);
        assertTrue(tokens[1].contains("export ATENSI_TOKEN_VIEWER=ey"), tokens[1]);
        String clusterId = kafkaClusterId();

        long infrastructure = Long.parseLong(Files.readString(data.resolve("run/infrastructure.pid")).trim());
        ProcessHandle killed = ProcessHandle.of(infrastructure).orElseThrow();
        killed.destroyForcibly();
        killed.onExit().get(30, TimeUnit.SECONDS);
        String[] orphans = atensi("status");
        assertEquals("1", orphans[0], orphans[1]);
        assertTrue(orphans[1].contains("NOT RUNNING (was pid " + infrastructure + ")"), orphans[1]);

        String[] stop = atensi("stop");
        assertEquals("0", stop[0], stop[1]);
        for (String server : List.of("Keycloak", "Kafka broker", "PostgreSQL")) {
            assertTrue(stop[1].contains("Stopping " + server + " (pid "), stop[1]);
        }
        assertEquals(List.of(), leftOver());
        assertEquals(clusterId, kafkaClusterId(), "stopping deleted the Kafka log");
        assertTrue(Files.exists(data.resolve("postgres/PG_VERSION")), "stopping deleted the PostgreSQL cluster");
    }
}
