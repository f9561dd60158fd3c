package id.atensi.bench.webhook;

import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TopicWriter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How fast webhook-service's fan-out consumer works off a backlog on atensi.beneficiary.events, for two builds of the
 * service in one run: each round writes {@code backlog} registrations while no service runs, starts one build on a
 * fresh database, and times the consumer from its first applied event to the last by its
 * {@code atensi_events_consumed_total} counter, and the service process's CPU time per event meanwhile (on a busy
 * machine the wall-clock rate follows the load; the CPU per event much less). The builds alternate (A B, then B A) so that both see the machine's
 * load alike. No endpoint is registered: what is timed is the consumer loop and the fan-out's routing, not delivery.
 */
public final class ConsumerBacklogBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CONSUMER = "beneficiary-webhooks";

    private record Build(String label, Path jar) {
    }

    private record Result(String label, int round, double perSecond, double seconds, double cpuMillisPerEvent, String loadBefore,
                          String loadAfter) {
    }

    public static void main(String[] args) throws Exception {
        int backlog = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<Build> builds = List.of(new Build(args[2], Path.of(args[3])), new Build(args[4], Path.of(args[5])));
        for (Build build : builds) {
            if (!Files.isRegularFile(build.jar())) {
                throw new IllegalStateException("no " + build.jar() + " for " + build.label());
            }
        }
        TestInfrastructure infrastructure = TestInfrastructure.get();
        TopicWriter topic = TopicWriter.shared();
        String partner = UUID.randomUUID().toString();
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<Build> order = round % 2 == 1 ? builds : List.of(builds.get(1), builds.get(0));
            for (Build build : order) {
                for (int i = 0; i < backlog; i++) {
                    String person = UUID.randomUUID().toString();
                    topic.cloudEvent("atensi.beneficiary.events", UUID.randomUUID().toString(), "atensi.beneficiary.registered.v1",
                            "/atensi/beneficiary", person, "{\"beneficiaryId\":\"" + person + "\",\"fullName\":\"Bench\",\"status\":\"REGISTERED\","
                                    + "\"partnerIds\":[\"" + partner + "\"]}");
                }
                results.add(drain(build, round, backlog, infrastructure));
                Result last = results.get(results.size() - 1);
                System.out.printf("round %d %-10s %,d events in %.1f s = %.0f events/s, service CPU %.2f ms per event (load %s -> %s)%n",
                        round, build.label(), backlog, last.seconds(), last.perSecond(), last.cpuMillisPerEvent(), last.loadBefore(),
                        last.loadAfter());
            }
        }
        System.out.println();
        System.out.printf("fan-out consumer working off a backlog of %,d events, %d rounds%n", backlog, rounds);
        for (Build build : builds) {
            List<Double> rates = results.stream().filter(r -> r.label().equals(build.label())).map(Result::perSecond).sorted().toList();
            List<Double> cpu = results.stream().filter(r -> r.label().equals(build.label())).map(Result::cpuMillisPerEvent).sorted().toList();
            System.out.printf("%-10s events/s per round %s, median %.0f; service CPU per event (ms) %s, median %.2f%n", build.label(),
                    rates.stream().map(rate -> String.format("%.0f", rate)).toList(), median(rates),
                    cpu.stream().map(ms -> String.format("%.2f", ms)).toList(), median(cpu));
        }
        System.exit(0);
    }

    private static Result drain(Build build, int round, int backlog, TestInfrastructure infrastructure) throws Exception {
        int port = WebhookBenchmark.freePort();
        String database = "webhook_consumer_bench_" + Long.toHexString(System.nanoTime());
        String loadBefore = loadAverage();
        Process process = WebhookBenchmark.start(build.jar(), infrastructure, database, port);
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            long firstAt = 0;
            long firstCount = 0;
            Duration firstCpu = Duration.ZERO;
            while (System.nanoTime() < deadline) {
                long count = consumed(port);
                long now = System.nanoTime();
                if (count > 0 && firstAt == 0) {
                    firstAt = now;
                    firstCount = count;
                    firstCpu = cpu(process);
                }
                if (count >= backlog) {
                    double seconds = (now - firstAt) / 1e9;
                    double cpuMillis = cpu(process).minus(firstCpu).toNanos() / 1e6;
                    long events = Math.max(1, count - firstCount);
                    return new Result(build.label(), round, events / Math.max(seconds, 0.001), seconds, cpuMillis / events, loadBefore,
                            loadAverage());
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(build.label() + " did not consume " + backlog + " events within 15 minutes");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Events the fan-out consumer applied or recognised as duplicates so far; 0 while the service is not answering. */
    private static long consumed(int port) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().lines()
                    .filter(line -> line.startsWith("atensi_events_consumed_total{") && line.contains("consumer=\"" + CONSUMER + "\""))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException notYet) {
            return 0;
        }
    }

    /** CPU time the service's process used so far: what an event costs, whatever else competes for the cores. */
    private static Duration cpu(Process process) {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this system does not report a process's CPU time"));
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
