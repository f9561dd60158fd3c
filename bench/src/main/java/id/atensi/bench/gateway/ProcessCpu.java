package id.atensi.bench.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * CPU time (user + system, all threads) of a gateway's and the service's processes, from Linux's
 * {@code /proc/<pid>/stat}, and of the gateway's event loops alone (its threads named {@code vert.x-eventloop-*},
 * which do all of a proxied request's work): the JIT compiler and the collector are counted in the first, and on
 * two busy cores the compiler can still be at work after the warm-up. Without the service's pid nothing is
 * measured; without a gateway's (the direct phases) its time is 0.
 */
final class ProcessCpu {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture it runs the JDK on. */
    private static final double MILLIS_PER_TICK = 10.0;

    /** Linux truncates a thread's name to 15 characters. */
    private static final String EVENT_LOOP_THREAD = "vert.x-eventloo";

    private final Path gateway;
    private final Path gatewayThreads;
    private final Path service;

    ProcessCpu(String gatewayPid, String servicePid) {
        this.gateway = gatewayPid == null ? null : Path.of("/proc", gatewayPid, "stat");
        this.gatewayThreads = gatewayPid == null ? null : Path.of("/proc", gatewayPid, "task");
        this.service = servicePid == null ? null : Path.of("/proc", servicePid, "stat");
        if ((gateway != null && !Files.isReadable(gateway)) || (service != null && !Files.isReadable(service))) {
            throw new IllegalArgumentException("no readable /proc/<pid>/stat for --gateway-pid " + gatewayPid
                    + " / --service-pid " + servicePid + ": is the process running, on Linux?");
        }
    }

    /** CPU milliseconds used so far, or over an interval (then {@link #minus}). */
    record Usage(double gatewayMillis, double gatewayEventLoopMillis, double serviceMillis, boolean measured) {

        static final Usage NONE = new Usage(0, 0, 0, false);

        Usage minus(Usage earlier) {
            return new Usage(gatewayMillis - earlier.gatewayMillis, gatewayEventLoopMillis - earlier.gatewayEventLoopMillis,
                    serviceMillis - earlier.serviceMillis, measured);
        }

        Usage plus(Usage other) {
            return new Usage(gatewayMillis + other.gatewayMillis, gatewayEventLoopMillis + other.gatewayEventLoopMillis,
                    serviceMillis + other.serviceMillis, measured || other.measured);
        }
    }

    Usage read() {
        if (service == null) {
            return Usage.NONE;
        }
        return new Usage(gateway == null ? 0 : millis(gateway), gateway == null ? 0 : eventLoopMillis(), millis(service), true);
    }

    private double eventLoopMillis() {
        double total = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(gatewayThreads)) {
            for (Path thread : threads) {
                try {
                    if (Files.readString(thread.resolve("comm")).strip().equals(EVENT_LOOP_THREAD)) {
                        total += millis(thread.resolve("stat"));
                    }
                } catch (NoSuchFileException | UncheckedIOException ended) {
                    // A thread that ended between the listing and the read: no event loop ends while the proxy runs.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + gatewayThreads, e);
        }
        return total;
    }

    private static double millis(Path stat) {
        try {
            String line = Files.readString(stat);
            // The command name (field 2) is in parentheses and may hold spaces; the fields after it are plain.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long userTicks = Long.parseLong(fields[11]);
            long systemTicks = Long.parseLong(fields[12]);
            return (userTicks + systemTicks) * MILLIS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + stat, e);
        }
    }
}
