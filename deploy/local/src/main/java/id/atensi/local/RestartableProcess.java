package id.atensi.local;

import java.time.Duration;

/**
 * A server run as a child process that tests can kill the way a crash does and start again on the same ports and
 * data: what "Kafka down" and "Keycloak away" mean in the tests.
 */
public abstract class RestartableProcess implements AutoCloseable {

    private final String name;
    private final Duration stopGrace;
    protected Process process;

    RestartableProcess(String name, Duration stopGrace) {
        this.name = name;
        this.stopGrace = stopGrace;
    }

    /** Starts the process and returns once it is ready. */
    protected abstract void launch();

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Ends it the way a crash does: no shutdown, no flush. */
    public void kill() {
        if (process != null) {
            ChildProcesses.kill(process);
            process = null;
        }
    }

    /** Starts it again on the same ports and data. */
    public void restart() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is running already");
        }
        launch();
    }

    @Override
    public void close() {
        if (process != null) {
            ChildProcesses.stop(process, stopGrace);
            process = null;
        }
    }
}
