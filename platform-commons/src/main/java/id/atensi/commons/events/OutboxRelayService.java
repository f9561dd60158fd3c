package id.atensi.commons.events;

import id.atensi.commons.config.PlatformConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs this service's {@link OutboxRelay} for the application's lifetime, with metrics. */
@ApplicationScoped
public class OutboxRelayService {

    private final PlatformConfig config;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private final String jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private OutboxRelay relay;

    OutboxRelayService(PlatformConfig config, MeterRegistry registry,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    void start(@Observes @Priority(200) StartupEvent startup) {
        PlatformConfig.Outbox.Relay settings = config.outbox().relay();
        if (!settings.enabled()) {
            return;
        }
        String service = config.serviceName();
        Counter published = Counter.builder("atensi.outbox.published").description("Events the relay published to Kafka")
                .tag("service", service).register(registry);
        Counter failures = Counter.builder("atensi.outbox.publish.failures").description("Relay batches that failed and will be retried")
                .tag("service", service).register(registry);
        Counter skipped = Counter.builder("atensi.outbox.publish.skipped")
                .description("Relay rounds skipped because a transaction rewriting pending rows held the lock past the relay's wait")
                .tag("service", service).register(registry);
        Timer commitToPublish = Timer.builder("atensi.outbox.commit.to.publish").description("Time from an event's recording to its acknowledgement by Kafka")
                .tag("service", service).publishPercentiles(0.5, 0.99).register(registry);
        relay = new OutboxRelay(
                () -> DriverManager.getConnection(jdbcUrl, username.orElse(null), password.orElse(null)),
                () -> KafkaSettings.eventProducer(bootstrapServers, service + "-outbox-relay"),
                service, settings.batchSize(), settings.pollInterval(), settings.maxBackoff(), settings.lockWait(),
                new OutboxRelay.RelayListener() {
                    @Override
                    public void published(int count, List<Duration> latencies) {
                        published.increment(count);
                        latencies.forEach(commitToPublish::record);
                    }

                    @Override
                    public void failed(Exception cause) {
                        failures.increment();
                    }

                    @Override
                    public void skipped() {
                        skipped.increment();
                    }
                });
        relay.start(service + "-outbox-relay");
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (relay != null) {
            relay.stop();
        }
    }
}
