package id.atensi.local.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process of the platform: how to start it, where it logs, how to tell it is ready, and how to recognise it
 * later from its pid alone.
 *
 * @param name        its name in {@code run/<name>.pid} and on the command line ({@code ./atensi restart NAME})
 * @param description how messages call it ("Kafka broker")
 * @param command     what runs; null for a process another one starts (the infrastructure's Kafka broker), which
 *                    is only recorded so that it can be stopped should its parent die
 * @param environment added to the launcher's own environment
 * @param marker      a part of its command line only this process has (e.g. its jar's path): a recorded pid that
 *                    no longer runs it is not ours, whatever runs under it now
 * @param ports       the ports it listens on, checked free before it starts
 * @param stopSignal  how to ask it to stop
 */
public record Spec(String name, String description, List<String> command, Map<String, String> environment, Path log,
        Readiness readiness, String marker, List<PortUse> ports, Signal stopSignal) {

    /** A port and the variable that moves it, for the message when it is taken. */
    public record PortUse(int port, String variable) {
    }

    public enum Signal {
        TERM,
        /** PostgreSQL's fast shutdown: SIGTERM would wait for every client to disconnect. */
        INT
    }

    /** A process another one starts: recorded and stopped, never started by itself. */
    public static Spec recordedOnly(String name, String description, String marker, Readiness readiness, Signal stopSignal) {
        return new Spec(name, description, null, Map.of(), null, readiness, marker, List.of(), stopSignal);
    }

    /** The java executable of the running JVM, so that every process runs on the JDK the launcher found. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
