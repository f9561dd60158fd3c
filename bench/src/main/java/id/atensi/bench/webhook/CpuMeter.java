package id.atensi.bench.webhook;

import id.atensi.bench.ProcessTimes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from Linux's {@code /proc}) of the three parties to a delivery: the webhook service's
 * process split by what its threads do, the PostgreSQL server (postmaster, its live backends, and what its exited
 * children used), and this JVM, where the receivers run. On a shared machine the wall-clock rate follows the other
 * processes' load; the CPU spent per delivery much less, which is why the benchmark reports both.
 */
final class CpuMeter {

    /** The service's thread kinds, in the order printed; a thread matching none is "other". */
    static final List<String> SERVICE_KINDS = List.of("dispatcher", "recorders", "event loops", "request workers", "consumers",
            "jit", "gc", "other");

    private final long servicePid;
    private final long postmasterPid;
    private final long benchPid = ProcessHandle.current().pid();

    CpuMeter(long servicePid, long postmasterPid) {
        this.servicePid = servicePid;
        this.postmasterPid = postmasterPid;
    }

    /**
     * CPU milliseconds used so far: the service's by thread kind, then "postgres" and "receivers" (the bench JVM); per
     * thread as well, so that an interval counts a thread that ended meanwhile under "other" rather than below zero.
     */
    record Usage(Map<String, Double> millis, Map<String, Double> serviceThreads, double serviceProcess) {

        Usage minus(Usage earlier) {
            Map<String, Double> difference = new LinkedHashMap<>();
            millis.keySet().forEach(kind -> difference.put(kind, 0.0));
            double threads = 0;
            for (Map.Entry<String, Double> thread : serviceThreads.entrySet()) {
                double used = thread.getValue() - earlier.serviceThreads.getOrDefault(thread.getKey(), 0.0);
                difference.merge(thread.getKey().substring(thread.getKey().indexOf(' ') + 1), used, Double::sum);
                threads += used;
            }
            // Threads that ended within the interval: the process's time less its live threads'.
            difference.merge("other", Math.max(0, serviceProcess - earlier.serviceProcess - threads), Double::sum);
            difference.put("postgres", millis.get("postgres") - earlier.millis.get("postgres"));
            difference.put("receivers", millis.get("receivers") - earlier.millis.get("receivers"));
            return new Usage(difference, Map.of(), serviceProcess - earlier.serviceProcess);
        }

        double service() {
            return SERVICE_KINDS.stream().mapToDouble(kind -> millis.getOrDefault(kind, 0.0)).sum();
        }

        double postgres() {
            return millis.getOrDefault("postgres", 0.0);
        }

        double receivers() {
            return millis.getOrDefault("receivers", 0.0);
        }

        /** One line: ms per delivery for each party and the service's kinds. */
        String perDelivery(int deliveries) {
            double n = Math.max(1, deliveries);
            StringBuilder kinds = new StringBuilder();
            for (String kind : SERVICE_KINDS) {
                kinds.append(kinds.isEmpty() ? "" : ", ").append(kind).append(' ')
                        .append(String.format("%.3f", millis.getOrDefault(kind, 0.0) / n));
            }
            return String.format("CPU ms per delivery: total %.3f = service %.3f (%s) + PostgreSQL %.3f + receivers %.3f",
                    (service() + postgres() + receivers()) / n, service() / n, kinds, postgres() / n, receivers() / n);
        }
    }

    Usage read() {
        Map<String, Double> millis = new LinkedHashMap<>();
        SERVICE_KINDS.forEach(kind -> millis.put(kind, 0.0));
        Map<String, Double> threads = ProcessTimes.threadMillis(servicePid, CpuMeter::kind);
        double service = ProcessTimes.processMillis(servicePid);
        millis.put("postgres", ProcessTimes.postgresMillis(postmasterPid));
        millis.put("receivers", ProcessTimes.processMillis(benchPid));
        return new Usage(millis, threads, service);
    }

    private static String kind(String comm) {
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "gc";
        }
        if (comm.startsWith("webhook-dispat")) {
            return "dispatcher";
        }
        if (comm.startsWith("webhook-record")) {
            return "recorders";
        }
        if (comm.startsWith("vert.x-eventlo")) {
            return "event loops";
        }
        if (comm.startsWith("executor-threa") || comm.startsWith("vert.x-worker") || comm.startsWith("vert.x-internal")) {
            return "request workers";
        }
        // Linux keeps 15 characters of a thread's name: the consumers are named after their groups.
        if (Stream.of("kafka", "beneficiary-", "partner-", "training-", "aid-", "outbox").anyMatch(comm::startsWith)) {
            return "consumers";
        }
        return "other";
    }
}
