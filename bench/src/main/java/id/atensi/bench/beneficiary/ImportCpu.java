package id.atensi.bench.beneficiary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * CPU time (user + system, from Linux's {@code /proc}) of the two processes an import keeps busy: the service, split by
 * what its threads do, and the PostgreSQL server (postmaster, its live backends, and what its exited children used). On
 * the shared machine an import's wall time follows the other processes' load; the CPU it costs much less, so the
 * benchmark prints both.
 */
final class ImportCpu {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture the JDK runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

    /** The service's thread kinds, in the order printed; a thread matching none (or one that ended) is "other". */
    static final List<String> KINDS = List.of("import", "events", "http", "jit", "gc", "other");

    private final long servicePid;
    private final long postmasterPid;

    ImportCpu(long servicePid, long postmasterPid) {
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

    /** CPU milliseconds so far: per service thread (to subtract thread by thread), the service's total, PostgreSQL's. */
    record Usage(Map<String, Double> threads, double service, double postgres) {

        /** Milliseconds used since {@code earlier}, by kind, then "service" and "postgres". */
        Map<String, Double> since(Usage earlier) {
            Map<String, Double> used = new LinkedHashMap<>();
            KINDS.forEach(kind -> used.put(kind, 0.0));
            double counted = 0;
            for (Map.Entry<String, Double> thread : threads.entrySet()) {
                double millis = thread.getValue() - earlier.threads.getOrDefault(thread.getKey(), 0.0);
                used.merge(thread.getKey().substring(thread.getKey().indexOf(' ') + 1), millis, Double::sum);
                counted += millis;
            }
            used.merge("other", Math.max(0, service - earlier.service - counted), Double::sum);
            used.put("service", service - earlier.service);
            used.put("postgres", postgres - earlier.postgres);
            return used;
        }
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
        Map<String, Double> threads = new LinkedHashMap<>();
        for (Path task : tasks(servicePid)) {
            String[] fields = statOrNull(task.resolve("stat"));
            if (fields != null) {
                threads.put(task.getFileName() + " " + kind(comm(task)), ticks(fields, 11) + ticks(fields, 12));
            }
        }
        String[] service = stat(Path.of("/proc", String.valueOf(servicePid), "stat"));
        return new Usage(threads, ticks(service, 11) + ticks(service, 12), postgres());
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

    /** Linux keeps 15 characters of a thread's name. */
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
            return "events";
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
        } catch (IOException gone) {
            // a process or thread that ended between listing and reading
            return null;
        }
    }

    private static double ticks(String[] fields, int index) {
        return Long.parseLong(fields[index]) * MILLIS_PER_TICK;
    }
}
