package id.atensi.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) running as its own JVM
 * from the jars gathered by the {@code atensi-kafka-broker} module. Being a separate process, it can be
 * killed hard and started again on the same log directory, which is what "Kafka down" means in tests.
 */
public final class LocalKafka extends RestartableProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /**
     * One broker coordinates every group whatever the number; the default 50 partitions of {@code __consumer_offsets}
     * made a new broker's first group join take 1.2–1.4 s instead of 0.6 s, paid by every test JVM's broker (each on a
     * new data directory). It takes effect only where that topic is created: a kept data directory (./atensi's
     * {@code .data}) keeps the partitions it has.
     */
    private static final int OFFSETS_PARTITIONS = 1;

    private static final int START_ATTEMPTS = 3;

    private final Path libraries;
    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final Path logFile;

    private LocalKafka(Path libraries, Path directory, int port, int controllerPort) {
        super("the Kafka broker", Duration.ofSeconds(20));
        this.libraries = libraries;
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logFile = directory.resolve("kafka.log");
    }

    /**
     * @param libraries the broker's classpath folder ({@code deploy/local/kafka-broker/target/kafka-libs})
     * @param directory where the broker keeps its configuration, logs and data; kept between starts
     * @param port      the client port; 0 picks a free one
     */
    public static LocalKafka start(Path libraries, Path directory, int port) {
        return start(libraries, directory, port, Ports::free);
    }

    /**
     * A free port is found by binding port 0 and letting it go, so another process (a test JVM beside this one) can
     * take it before the broker binds it. The broker then exits at start, and until it does the port answers: the
     * other broker, which {@link #awaitReady()} tells apart by its cluster id. A broker on a new data directory and
     * ports of its own choosing is then formatted and started again on other ports; a kept directory is never wiped.
     */
    static LocalKafka start(Path libraries, Path directory, int port, IntSupplier freePorts) {
        if (!Files.isDirectory(libraries) || !Files.exists(libraries.resolve("kafka_2.13-" + kafkaVersion(libraries) + ".jar"))) {
            throw new IllegalStateException("Kafka broker jars not found in " + libraries
                    + ": build them with ./mvnw -pl deploy/local/kafka-broker generate-resources");
        }
        boolean newDirectory = !Files.exists(directory.resolve("data").resolve("meta.properties"));
        for (int attempt = 1; ; attempt++) {
            LocalKafka kafka = new LocalKafka(libraries, directory, port > 0 ? port : freePorts.getAsInt(), freePorts.getAsInt());
            kafka.format();
            try {
                kafka.launch();
                return kafka;
            } catch (BrokerDidNotStart e) {
                if (port > 0 || !newDirectory || attempt == START_ATTEMPTS) {
                    throw e;
                }
                kafka.deleteData();
            }
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    private void format() {
        try {
            Path data = directory.resolve("data");
            Files.createDirectories(data);
            Files.writeString(directory.resolve("server.properties"), serverProperties(data));
            Files.writeString(directory.resolve("log4j2.properties"), """
                    rootLogger.level=WARN
                    rootLogger.appenderRef.stdout.ref=STDOUT
                    appender.stdout.type=Console
                    appender.stdout.name=STDOUT
                    appender.stdout.layout.type=PatternLayout
                    appender.stdout.layout.pattern=%d{ISO8601} %p [%c] %m%n
                    logger.server.name=kafka.server.KafkaRaftServer
                    logger.server.level=INFO
                    """);
            if (Files.exists(data.resolve("meta.properties"))) {
                return;
            }
            List<String> command = javaCommand("kafka.tools.StorageTool", "format", "--standalone",
                    "--cluster-id=" + clusterId(), "--config=" + directory.resolve("server.properties"));
            Process formatting = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            if (!formatting.waitFor(120, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                formatting.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka log directory failed; see " + logFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    @Override
    protected void launch() {
        try {
            process = new ProcessBuilder(javaCommand("kafka.Kafka", directory.resolve("server.properties").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker process", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        String clusterId = clusterIdOnDisk();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT.toSeconds());
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BrokerDidNotStart("the Kafka broker exited at start (code " + process.exitValue() + "); see " + logFile);
            }
            Optional<String> answering = acceptsConnections() ? clusterAnswering() : Optional.empty();
            if (answering.isPresent()) {
                if (answering.get().equals(clusterId)) {
                    return;
                }
                ChildProcesses.kill(process);
                throw new BrokerDidNotStart("port " + port + " is answered by another Kafka cluster (" + answering.get()
                        + "), not the broker started here (" + clusterId + ")");
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the Kafka broker was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + logFile);
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The id of the cluster whose broker answers on the port, once it lists its nodes. */
    private Optional<String> clusterAnswering() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            DescribeClusterResult cluster = admin.describeCluster();
            if (cluster.nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                return Optional.empty();
            }
            return Optional.ofNullable(cluster.clusterId().get(3, TimeUnit.SECONDS));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private String clusterIdOnDisk() {
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(directory.resolve("data").resolve("meta.properties"))) {
            meta.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("the Kafka log directory has no readable meta.properties; see " + logFile, e);
        }
        return meta.getProperty("cluster.id");
    }

    private void deleteData() {
        try (Stream<Path> files = Files.walk(directory.resolve("data"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear the Kafka log directory for another start", e);
        }
    }

    private String serverProperties(Path data) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=%4$d
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                default.replication.factor=1
                min.insync.replicas=1
                group.initial.rebalance.delay.ms=0
                broker.session.timeout.ms=3000
                log.cleaner.dedupe.buffer.size=8388608
                """.formatted(port, controllerPort, data.toAbsolutePath(), OFFSETS_PARTITIONS);
    }

    private List<String> javaCommand(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Java.executable(),
                "-Xms64m", "-Xmx192m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties").toAbsolutePath(),
                "-cp", libraries.toAbsolutePath() + "/*",
                mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    private static String kafkaVersion(Path libraries) {
        try (var files = Files.list(libraries)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("kafka_2.13-") && name.endsWith(".jar"))
                    .map(name -> name.substring("kafka_2.13-".length(), name.length() - ".jar".length()))
                    .findFirst().orElse("missing");
        } catch (IOException e) {
            return "missing";
        }
    }

    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The broker did not come up on its ports; on ports of its own choosing it may try others. */
    static final class BrokerDidNotStart extends IllegalStateException {
        BrokerDidNotStart(String message) {
            super(message);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
