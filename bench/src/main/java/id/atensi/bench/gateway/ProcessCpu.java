package id.atensi.bench.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system, all threads) of a gateway's and the service's processes, from Linux's
 * {@code /proc/<pid>/stat}. Without the service's pid nothing is measured; without a gateway's (the direct
 * phases) its time is 0.
 */
final class ProcessCpu {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture it runs the JDK on. */
    private static final double MILLIS_PER_TICK = 10.0;

    private final Path gateway;
    private final Path service;

    ProcessCpu(String gatewayPid, String servicePid) {
        this.gateway = gatewayPid == null ? null : Path.of("/proc", gatewayPid, "stat");
        this.service = servicePid == null ? null : Path.of("/proc", servicePid, "stat");
        if ((gateway != null && !Files.isReadable(gateway)) || (service != null && !Files.isReadable(service))) {
            throw new IllegalArgumentException("no readable /proc/<pid>/stat for --gateway-pid " + gatewayPid
                    + " / --service-pid " + servicePid + ": is the process running, on Linux?");
        }
    }

    /** CPU milliseconds used so far, or over an interval (then {@link #minus}). */
    record Usage(double gatewayMillis, double serviceMillis, boolean measured) {

        static final Usage NONE = new Usage(0, 0, false);

        Usage minus(Usage earlier) {
            return new Usage(gatewayMillis - earlier.gatewayMillis, serviceMillis - earlier.serviceMillis, measured);
        }

        Usage plus(Usage other) {
            return new Usage(gatewayMillis + other.gatewayMillis, serviceMillis + other.serviceMillis,
                    measured || other.measured);
        }
    }

    Usage read() {
        if (service == null) {
            return Usage.NONE;
        }
        return new Usage(gateway == null ? 0 : millis(gateway), millis(service), true);
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
