package id.atensi.bench.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture the JDK runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

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

    /** The PostgreSQL server behind a JDBC URL: the parent of the backend that answers this connection. */
    static long postmasterOf(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return Long.parseLong(stat(Path.of("/proc", String.valueOf(row.getLong(1)), "stat"))[1]);
        }
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
        Map<String, Double> threads = new LinkedHashMap<>();
        for (Path task : tasks(servicePid)) {
            String[] fields = statOrNull(task.resolve("stat"));
            if (fields != null) {
                threads.put(task.getFileName() + " " + kind(comm(task)), ticks(fields, 11) + ticks(fields, 12));
            }
        }
        String[] service = stat(Path.of("/proc", String.valueOf(servicePid), "stat"));
        millis.put("postgres", postgres());
        String[] bench = stat(Path.of("/proc", String.valueOf(benchPid), "stat"));
        millis.put("receivers", ticks(bench, 11) + ticks(bench, 12));
        return new Usage(millis, threads, ticks(service, 11) + ticks(service, 12));
    }

    private double postgres() {
        String[] postmaster = stat(Path.of("/proc", String.valueOf(postmasterPid), "stat"));
        // Backends that exited are in the postmaster's children's times; the live ones are counted one by one.
        double total = ticks(postmaster, 11) + ticks(postmaster, 12) + ticks(postmaster, 13) + ticks(postmaster, 14);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String[] fields = statOrNull(process.resolve("stat"));
                if (fields != null && Long.parseLong(fields[1]) == postmasterPid) {
                    total += ticks(fields, 11) + ticks(fields, 12);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
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

    private static List<Path> tasks(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return tasks.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the threads of process " + pid, e);
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** The fields after the command name (which is in parentheses and may hold spaces): [0] state, [1] ppid, … */
    private static String[] stat(Path file) {
        String[] fields = statOrNull(file);
        if (fields == null) {
            throw new IllegalStateException("no " + file + ": is the process running, on Linux?");
        }
        return fields;
    }

    private static String[] statOrNull(Path file) {
        try {
            String line = Files.readString(file);
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            // A process or thread that ended between listing and reading.
            return null;
        }
    }

    private static double ticks(String[] fields, int index) {
        return Long.parseLong(fields[index]) * MILLIS_PER_TICK;
    }
}
