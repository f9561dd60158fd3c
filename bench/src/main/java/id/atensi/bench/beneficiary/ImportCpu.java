package id.atensi.bench.beneficiary;

import id.atensi.bench.ProcessTimes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from Linux's {@code /proc}) of the two processes an import keeps busy: the service, split by
 * what its threads do, and the PostgreSQL server (postmaster, its live backends, and what its exited children used). On
 * the shared machine an import's wall time follows the other processes' load; the CPU it costs much less, so the
 * benchmark prints both.
 */
final class ImportCpu {

    /** The service's thread kinds, in the order printed; a thread matching none (or one that ended) is "other". */
    static final List<String> KINDS = List.of("import", "events", "http", "jit", "gc", "other");

    private final long servicePid;
    private final long postmasterPid;

    ImportCpu(long servicePid, long postmasterPid) {
        this.servicePid = servicePid;
        this.postmasterPid = postmasterPid;
    }

    /** CPU milliseconds so far: per service thread (to subtract thread by thread), the service's total, PostgreSQL's. */
    record Usage(Map<String, Double> threads, double service, double postgres) {

        /** Milliseconds used since {@code earlier}, by kind, then "service" and "postgres". */
        Map<String, Double> since(Usage earlier) {
            Map<String, Double> used = new LinkedHashMap<>();
            KINDS.forEach(kind -> used.put(kind, 0.0));
            double counted = 0;
            for (Map.Entry<String, Double> thread : threads.entrySet()) {
                double millis = thread.getValue() - earlier.threads.getOrDefault(thread.getKey(), 0.0);
                String kind = thread.getKey().substring(thread.getKey().indexOf(' ') + 1);
                used.merge(kind.contains("/") ? kind.substring(0, kind.indexOf('/')) : kind, millis, Double::sum);
                if (kind.contains("/")) {
                    used.merge(kind, millis, Double::sum);
                }
                counted += millis;
            }
            used.merge("other", Math.max(0, service - earlier.service - counted), Double::sum);
            used.put("service", service - earlier.service);
            used.put("postgres", postgres - earlier.postgres);
            return used;
        }
    }

    /** The events' CPU ms per 1,000 rows by thread name (digits dropped), largest first. */
    static String eventsByThread(Map<String, Double> used, int rows) {
        double n = Math.max(1, rows) / 1000.0;
        return String.join(", ", used.entrySet().stream().filter(e -> e.getKey().startsWith("events/") && e.getValue() / n >= 0.5)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> "%s %.1f".formatted(e.getKey().substring("events/".length()), e.getValue() / n)).toList());
    }

    /** One line: CPU ms per 1,000 rows of the service (by kind) and of PostgreSQL over an interval. */
    static String perThousandRows(Map<String, Double> used, int rows) {
        double n = Math.max(1, rows) / 1000.0;
        StringBuilder kinds = new StringBuilder();
        for (String kind : KINDS) {
            kinds.append(kinds.isEmpty() ? "" : ", ").append(kind).append(' ').append("%.0f".formatted(used.get(kind) / n));
        }
        return "CPU ms per 1,000 rows: service %.0f (%s), PostgreSQL %.0f; total CPU %.1f s".formatted(used.get("service") / n,
                kinds, used.get("postgres") / n, (used.get("service") + used.get("postgres")) / 1000);
    }

    Usage read() {
        return new Usage(ProcessTimes.threadMillis(servicePid, ImportCpu::kind), ProcessTimes.processMillis(servicePid),
                ProcessTimes.postgresMillis(postmasterPid));
    }

    private static String kind(String comm) {
        if (comm.startsWith("beneficiary-imp")) {
            return "import";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "gc";
        }
        if (comm.startsWith("vert.x-eventlo") || comm.startsWith("executor-threa") || comm.startsWith("vert.x-worker")) {
            return "http";
        }
        // the outbox relay ("beneficiary-outbox-relay"), the Kafka clients, and the consumers, whose threads are named
        // after their groups ("atensi.beneficiary..."): the registry subscriptions' feed reads every event an import makes
        if (Stream.of("kafka", "beneficiary-", "atensi.", "registry", "training-", "aid-", "partner-").anyMatch(comm::startsWith)) {
            // by name, so that the events' share can be told apart: relay, producer, each consumer
            return "events/" + comm.replaceAll("\\d+", "#");
        }
        return "other";
    }
}
