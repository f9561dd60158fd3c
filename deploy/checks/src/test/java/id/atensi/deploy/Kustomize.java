package id.atensi.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory: with {@code kubectl kustomize} where kubectl is on the PATH, otherwise with
 * {@link MinimalKustomize} (which says so on stderr and supports only the fields this repository uses).
 */
final class Kustomize {
    static final List<String> TARGETS = List.of("base", "overlays/dev", "overlays/prod");
    private static final Map<String, List<ObjectNode>> CACHE = new ConcurrentHashMap<>();
    private static volatile Boolean kubectl;

    private Kustomize() {
    }

    static boolean kubectlAvailable() {
        if (kubectl == null) {
            try {
                Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                kubectl = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                kubectl = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kubectl = false;
            }
            if (!kubectl) {
                System.err.println("[deploy-checks] kubectl not found on the PATH: overlays are rendered by the checks' own"
                        + " minimal Kustomize renderer (resources, images, patches only), not by kubectl kustomize.");
            }
        }
        return kubectl;
    }

    /** The rendered objects of {@code deploy/k8s/<target>}. */
    static List<ObjectNode> render(String target) {
        return CACHE.computeIfAbsent(target, t -> {
            Path dir = Repo.k8s().resolve(t);
            return kubectlAvailable() ? kubectl(dir) : MinimalKustomize.render(dir);
        });
    }

    static List<ObjectNode> kubectl(Path dir) {
        try {
            Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
            byte[] err = new byte[0];
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return Yaml.documents(out, "kubectl kustomize " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
