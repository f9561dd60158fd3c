package id.atensi.bench;

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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * CPU time (user + system, in milliseconds) of processes and their threads from Linux's {@code /proc}, for the
 * benchmarks that print a figure's CPU beside its wall time: on a shared machine the wall time follows the other
 * processes' load, the CPU much less.
 */
public final class ProcessTimes {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture the JDK runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

    private ProcessTimes() {
    }

    /** The PostgreSQL server behind a JDBC URL: the parent of the backend that answers this connection. */
    public static long postmasterOf(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return Long.parseLong(stat(Path.of("/proc", String.valueOf(row.getLong(1)), "stat"))[1]);
        }
    }

    /** The process's CPU so far, all its threads, those that ended included. */
    public static double processMillis(long pid) {
        String[] fields = stat(Path.of("/proc", String.valueOf(pid), "stat"));
        return ticks(fields, 11) + ticks(fields, 12);
    }

    /**
     * Each live thread's CPU so far, keyed "thread-id kind" so that two readings subtract thread by thread; {@code kind}
     * names a thread from its name (Linux keeps its first 15 characters).
     */
    public static Map<String, Double> threadMillis(long pid, UnaryOperator<String> kind) {
        Map<String, Double> threads = new LinkedHashMap<>();
        for (Path task : tasks(pid)) {
            String[] fields = statOrNull(task.resolve("stat"));
            if (fields != null) {
                threads.put(task.getFileName() + " " + kind.apply(comm(task)), ticks(fields, 11) + ticks(fields, 12));
            }
        }
        return threads;
    }

    /**
     * A PostgreSQL server's CPU so far: the postmaster, what its exited children used, and its live backends. A backend
     * the postmaster reaps while /proc is read would count in neither part: right after pgbench's 16 clients left, a
     * reading missed up to 1.5 s of the 9–10 s their backends used (bench/RESULTS.md, session 16). The reading is taken
     * again until the exited children's sum is the same before and after the scan, at most {@value #POSTGRES_READINGS}
     * times: a server whose children come and go without pause (parallel workers, pgbench -C) answers its last reading.
     */
    private static final int POSTGRES_READINGS = 10;

    public static double postgresMillis(long postmasterPid) {
        Path postmasterStat = Path.of("/proc", String.valueOf(postmasterPid), "stat");
        for (int reading = 1; ; reading++) {
            String[] postmaster = stat(postmasterStat);
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
            String[] after = stat(postmasterStat);
            if (reading == POSTGRES_READINGS || after[13].equals(postmaster[13]) && after[14].equals(postmaster[14])) {
                return total;
            }
        }
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
