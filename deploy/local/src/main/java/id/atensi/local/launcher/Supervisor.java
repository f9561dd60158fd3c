package id.atensi.local.launcher;

import id.atensi.local.Ports;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Starts, watches and stops the platform's processes, each recorded as {@code <run directory>/<name>.pid}.
 * Processes run in a session of their own, so that they outlive the launcher ({@code --detach}) and a terminal's
 * Ctrl-C or hangup reaches only the launcher, which stops them in order. Before any signal the recorded pid is
 * checked to still run the process' command ({@link Spec#marker()}): a reused pid is never touched.
 */
public final class Supervisor {

    /** Why a start failed: the process, and what happened to it. */
    public static final class StartFailure extends RuntimeException {

        private final transient Spec spec;

        StartFailure(Spec spec, String reason) {
            super(spec.name() + " " + reason);
            this.spec = spec;
        }

        public Spec spec() {
            return spec;
        }
    }

    private static final Pattern SS_USER = Pattern.compile("users:\\(\\(\"([^\"]*)\",pid=(\\d+)");
    private static final Optional<Path> SETSID = onPath("setsid");
    private static final Optional<Path> SS = onPath("ss");

    private final Path runDirectory;
    private final Duration stopGrace;
    /**
     * The processes this supervisor launched: whether one of them still runs is asked of the process itself, as its
     * command line reads empty for a moment while it execs (setsid becoming java).
     */
    private final Map<String, Process> launched = new java.util.concurrent.ConcurrentHashMap<>();
    private final Consumer<String> say;
    private final Consumer<String> warn;

    /**
     * @param stopGrace how long a process may take to stop before it is killed
     * @param say       and {@code warn} receive what it does (stopping which process) and what went wrong
     */
    public Supervisor(Path runDirectory, Duration stopGrace, Consumer<String> say, Consumer<String> warn) {
        this.runDirectory = runDirectory;
        this.stopGrace = stopGrace;
        this.say = say;
        this.warn = warn;
    }

    public Path runDirectory() {
        return runDirectory;
    }

    // ---------------------------------------------------------------------------------------------
    // Records
    // ---------------------------------------------------------------------------------------------

    public Path pidFile(String name) {
        return runDirectory.resolve(name + ".pid");
    }

    public OptionalLong recordedPid(String name) {
        Path file = pidFile(name);
        try {
            if (!Files.exists(file)) {
                return OptionalLong.empty();
            }
            String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
            return first.matches("\\d+") ? OptionalLong.of(Long.parseLong(first)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    public void record(String name, long pid) {
        try {
            Files.createDirectories(runDirectory);
            Files.writeString(pidFile(name), pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not record " + name + "'s pid in " + runDirectory, e);
        }
    }

    public void forget(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of the process when it is recorded and still runs as ours. */
    public OptionalLong runningPid(Spec spec) {
        OptionalLong pid = recordedPid(spec.name());
        return pid.isPresent() && isOurs(pid.getAsLong(), spec.marker()) ? pid : OptionalLong.empty();
    }

    public boolean isRunning(Spec spec) {
        return runningPid(spec).isPresent();
    }

    /** True when the pid runs and its command line contains the marker. */
    public static boolean isOurs(long pid, String marker) {
        return commandLine(pid).map(command -> command.contains(marker)).orElse(false);
    }

    /** The command line, from /proc where there is one (complete, however long), or from the JDK's view elsewhere. */
    static Optional<String> commandLine(long pid) {
        Path proc = Path.of("/proc", String.valueOf(pid), "cmdline");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            try {
                String command = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ').trim();
                return command.isEmpty() ? Optional.empty() : Optional.of(command);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(handle -> handle.info().commandLine());
    }

    /** A descendant of the process whose command line has the marker (e.g. a JVM the process started), if one runs. */
    public static Optional<Long> descendant(long pid, String marker) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.descendants()
                .filter(child -> isOurs(child.pid(), marker)).map(ProcessHandle::pid).findFirst());
    }

    // ---------------------------------------------------------------------------------------------
    // Starting
    // ---------------------------------------------------------------------------------------------

    /** What holds each of the process' ports that is taken, as the message to show; empty when all are free. */
    public static List<String> portProblems(Spec spec) {
        List<String> problems = new ArrayList<>();
        for (Spec.PortUse use : spec.ports()) {
            Optional<String> holder = holder(use.port());
            holder.ifPresent(who -> problems.add("port " + use.port() + " (for " + spec.description() + ") is already in use by " + who
                    + ". Stop that program, or choose another port with " + use.variable() + "=<port>."));
        }
        return problems;
    }

    /** Who listens on the port ("java (pid 12)", or "another program" when it cannot be told); empty when free. */
    static Optional<String> holder(int port) {
        String who = null;
        if (SS.isPresent()) {
            String line = run(SS.get().toString(), "-Hltnp", "sport = :" + port);
            if (!line.isBlank()) {
                Matcher user = SS_USER.matcher(line);
                who = user.find() ? user.group(1) + " (pid " + user.group(2) + ")" : "another program";
            }
        }
        if (who == null && Ports.inUse(port)) {
            who = "another program";
        }
        return Optional.ofNullable(who);
    }

    /**
     * Starts the process in a session of its own, output (both streams) to its log, the previous log kept as
     * {@code <log>.1}, and records its pid.
     */
    public long launch(Spec spec) {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(spec.command());
        try {
            Files.createDirectories(spec.log().getParent());
            rotate(spec.log());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(spec.log().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(spec.environment());
            // setsid runs the command in place (it forks only when called as a process group leader), so this pid is the command's.
            Process process = builder.start();
            launched.put(spec.name(), process);
            record(spec.name(), process.pid());
            return process.pid();
        } catch (IOException e) {
            throw new StartFailure(spec, "could not be started: " + e.getMessage());
        }
    }

    private static void rotate(Path log) throws IOException {
        if (Files.exists(log) && Files.size(log) > 0) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Waits until every process is ready, calling {@code ready} for each as it gets there (with the time since the
     * wait began); fails as soon as one exits, or when one is not ready within {@code timeout}.
     */
    public void awaitReady(List<Spec> specs, Duration timeout, BiConsumer<Spec, Duration> ready) {
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();
        List<Spec> waiting = new ArrayList<>(specs);
        while (!waiting.isEmpty()) {
            for (Spec spec : List.copyOf(waiting)) {
                Process process = launched.get(spec.name());
                if (process != null ? !process.isAlive() : !isRunning(spec)) {
                    throw new StartFailure(spec, "exited during start");
                }
                Readiness.Check check = spec.readiness().check(spec.log());
                if (check.ready()) {
                    waiting.remove(spec);
                    ready.accept(spec, Duration.ofNanos(System.nanoTime() - begin));
                } else if (System.nanoTime() >= deadline) {
                    throw new StartFailure(spec, "was not ready within " + timeout.toSeconds() + " s (" + check.text() + ")");
                }
            }
            if (!waiting.isEmpty()) {
                sleep(500);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Stopping
    // ---------------------------------------------------------------------------------------------

    /**
     * Stops the processes together: each recorded one that still runs as ours gets its stop signal, then, after the
     * grace period, whatever is left is killed with its descendants. Records are forgotten. Returns the names stopped.
     */
    public List<String> stop(List<Spec> group) {
        Map<Spec, Long> stopping = new LinkedHashMap<>();
        for (Spec spec : group) {
            OptionalLong pid = recordedPid(spec.name());
            if (pid.isPresent() && isOurs(pid.getAsLong(), spec.marker())) {
                say.accept("Stopping " + spec.description() + " (pid " + pid.getAsLong() + ")...");
                signal(pid.getAsLong(), spec.stopSignal());
                stopping.put(spec, pid.getAsLong());
            } else if (pid.isPresent()) {
                forget(spec.name());
            }
        }
        long deadline = System.nanoTime() + stopGrace.toNanos();
        while (stopping.entrySet().stream().anyMatch(entry -> isOurs(entry.getValue(), entry.getKey().marker()))
                && System.nanoTime() < deadline) {
            sleep(300);
        }
        for (Map.Entry<Spec, Long> entry : stopping.entrySet()) {
            long pid = entry.getValue();
            if (isOurs(pid, entry.getKey().marker())) {
                warn.accept(entry.getKey().description() + " (pid " + pid + ") did not stop within " + stopGrace.toSeconds()
                        + " s; killing it (SIGKILL).");
                kill(pid);
                long gone = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (isOurs(pid, entry.getKey().marker()) && System.nanoTime() < gone) {
                    sleep(100);
                }
            }
            forget(entry.getKey().name());
        }
        return stopping.keySet().stream().map(Spec::name).toList();
    }

    /** Ends the process the way a crash does, its descendants first (a killed wrapper script would leave its JVM behind). */
    public static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        });
    }

    private static void signal(long pid, Spec.Signal signal) {
        if (signal == Spec.Signal.TERM) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } else {
            run("kill", "-s", signal.name(), String.valueOf(pid));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Logs
    // ---------------------------------------------------------------------------------------------

    /** The last lines of a log, empty when there is none. */
    public static List<String> tail(Path log, int lines) {
        if (log == null || !Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> all = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            List<String> every = all.toList();
            return every.subList(Math.max(0, every.size() - lines), every.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable).findFirst();
    }

    /** Runs a small command and returns its output; empty when it cannot run. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
