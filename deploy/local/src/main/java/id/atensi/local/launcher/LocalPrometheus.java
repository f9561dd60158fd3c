package id.atensi.local.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Prometheus for {@code ./atensi start --prometheus}: Debian's {@code prometheus} package, scraping every
 * application's {@code /q/metrics} and evaluating the same alert rules as a cluster (deploy/k8s/monitoring/alerts),
 * so that an alert can be watched firing on one machine. Its configuration and data live in
 * {@code <data>/prometheus}.
 */
public final class LocalPrometheus {

    public static final String NAME = "prometheus";
    static final String PORT = "ATENSI_PROMETHEUS_PORT";
    static final int DEFAULT_PORT = 9090;
    /** Frequent enough that an alert's {@code for:} is what delays it, not the scrape. */
    static final String INTERVAL = "15s";

    private final LocalPlatform platform;

    LocalPrometheus(LocalPlatform platform) {
        this.platform = platform;
    }

    public Path directory() {
        return platform.data().resolve("prometheus");
    }

    public Path configFile() {
        return directory().resolve("prometheus.yml");
    }

    public int port() {
        return platform.port(PORT, DEFAULT_PORT);
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    Path alertsDirectory() {
        return platform.root().resolve("deploy/k8s/monitoring/alerts");
    }

    public Spec spec(String executable) {
        List<String> command = List.of(executable, "--config.file=" + configFile(),
                "--storage.tsdb.path=" + directory().resolve("data"), "--storage.tsdb.retention.time=2d",
                "--web.listen-address=127.0.0.1:" + port());
        return new Spec(NAME, "Prometheus", command, Map.of(), platform.logs().resolve("prometheus.log"),
                Readiness.http(url() + "/-/ready", url()), "--config.file=" + configFile(),
                List.of(new Spec.PortUse(port(), PORT)), Spec.Signal.TERM);
    }

    /** The process as its pid record knows it, for status and stop whichever executable ran it. */
    public Spec recorded() {
        return spec(NAME);
    }

    /**
     * Writes the rule files (each PrometheusRule's {@code spec}, which is Prometheus' own rule-file format) and
     * prometheus.yml: one scrape job per application named as the Kubernetes jobs are (the rules select on
     * {@code job}), {@code honor_labels} for the services' own {@code service} label, as the ServiceMonitor does.
     *
     * @return the configuration file
     */
    public Path writeConfiguration() {
        try {
            Files.createDirectories(directory().resolve("rules"));
            List<Path> rules = new ArrayList<>();
            for (Path source : alertFiles()) {
                Path target = directory().resolve("rules").resolve(source.getFileName().toString().replaceFirst("\\.yaml$", ".rules.yaml"));
                Files.writeString(target, ruleGroups(Files.readString(source), source));
                rules.add(target);
            }
            StringBuilder config = new StringBuilder();
            config.append("# Written by ./atensi start --prometheus; rewritten at each start.\n")
                    .append("global:\n  scrape_interval: ").append(INTERVAL).append("\n  evaluation_interval: ").append(INTERVAL).append('\n')
                    .append("rule_files:\n");
            rules.forEach(rule -> config.append("  - ").append(quoted(rule.toString())).append('\n'));
            config.append("scrape_configs:\n");
            for (App app : App.ALL) {
                config.append("  - job_name: ").append(quoted(app.name())).append('\n')
                        .append("    metrics_path: /q/metrics\n")
                        .append("    honor_labels: true\n")
                        .append("    static_configs:\n")
                        .append("      - targets: [").append(quoted("127.0.0.1:" + platform.port(app))).append("]\n");
            }
            Files.writeString(configFile(), config.toString());
            return configFile();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write Prometheus' configuration in " + directory(), e);
        }
    }

    private List<Path> alertFiles() throws IOException {
        if (!Files.isDirectory(alertsDirectory())) {
            throw new IllegalStateException("no alert rules at " + alertsDirectory());
        }
        try (Stream<Path> files = Files.list(alertsDirectory())) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /**
     * The {@code spec:} block of a PrometheusRule, one level less indented. The files keep {@code spec:} as their last
     * top-level key (deploy/checks parses them strictly); anything else is refused rather than guessed at.
     */
    static String ruleGroups(String prometheusRule, Path source) {
        List<String> lines = prometheusRule.lines().toList();
        int spec = lines.indexOf("spec:");
        if (spec < 0 || lines.stream().noneMatch(line -> line.equals("kind: PrometheusRule"))) {
            throw new IllegalStateException(source + " is not a PrometheusRule with a top-level spec:");
        }
        StringBuilder groups = new StringBuilder();
        for (String line : lines.subList(spec + 1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) {
                groups.append('\n');
            } else if (line.startsWith("  ")) {
                groups.append(line.substring(2)).append('\n');
            } else {
                throw new IllegalStateException(source + ": a top-level key after spec: (" + line + ")");
            }
        }
        return groups.toString();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The prometheus executable on the PATH; when there is none and this runs as root where apt-get exists, installs
     * Debian's package first (tools/promtool/install.sh, the same step the build takes for promtool).
     */
    public Path executable(Consumer<String> say) {
        Optional<Path> found = onPath(NAME);
        if (found.isPresent()) {
            return found.get();
        }
        Path install = platform.root().resolve("tools/promtool/install.sh");
        if (isRoot() && onPath("apt-get").isPresent() && Files.exists(install)) {
            say.accept("Installing Debian's prometheus package (apt-get)...");
            run(List.of("bash", install.toString()));
            found = onPath(NAME);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("prometheus is not installed: as root on Debian/Ubuntu ./atensi installs it itself"
                + " (apt-get install -y prometheus); otherwise install it, or put a Prometheus release's binary on the PATH");
    }

    private static boolean isRoot() {
        try {
            return "0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable).findFirst();
    }
}
