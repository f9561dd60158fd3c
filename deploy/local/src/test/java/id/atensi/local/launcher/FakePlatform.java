package id.atensi.local.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The real platform definition with two stand-ins: {@link FakeInfrastructure} for the infrastructure process, and
 * tokens that do not come from Keycloak. The applications run from a repository root whose quarkus-run.jars are
 * {@link FakeApp}; everything else (ports, settings, pid records, logs, the launcher's commands) is the real thing.
 */
final class FakePlatform extends LocalPlatform {

    private static final String CLASSPATH = System.getProperty("java.class.path");

    FakePlatform(Path root, Path data, Map<String, String> settings) {
        super(root, data, settings, CLASSPATH);
    }

    @Override
    public Spec infrastructure() {
        Spec real = super.infrastructure();
        List<String> command = List.of(Spec.java(), "-Xmx24m", "-XX:+UseSerialGC", "-cp", CLASSPATH, FakeInfrastructure.class.getName(),
                INFRASTRUCTURE, "--data", data().toString());
        return new Spec(real.name(), real.description(), command, real.environment(), real.log(), real.readiness(), real.marker(),
                real.ports(), real.stopSignal());
    }

    @Override
    public Map<String, String> tokens(String unitId, String partnerId) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : List.of("admin", "officer", "partner", "auditor", "viewer")) {
            tokens.put(role, "fake-" + role + "-" + unitId);
        }
        return tokens;
    }

    /** A repository root where every application's quarkus-run.jar is {@link FakeApp} and the infrastructure's files exist. */
    static Path repository(Path root) {
        try {
            Path classes = Path.of(FakeApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (App app : App.ALL) {
                Path jar = app.jar(root);
                Files.createDirectories(jar.getParent());
                Manifest manifest = new Manifest();
                manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeApp.class.getName());
                try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                        Stream<Path> files = Files.list(classes.resolve("id/atensi/local/launcher"))) {
                    for (Path file : files.filter(file -> file.getFileName().toString().startsWith("FakeApp")).toList()) {
                        out.putNextEntry(new JarEntry("id/atensi/local/launcher/" + file.getFileName()));
                        out.write(Files.readAllBytes(file));
                        out.closeEntry();
                    }
                }
            }
            Files.createDirectories(root.resolve("deploy/local/kafka-broker/target/kafka-libs"));
            Files.createDirectories(root.resolve("deploy/local/keycloak-server/target/keycloak"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
