package id.atensi.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the repository is: surefire passes {@code atensi.repository.root}; otherwise two levels up from the module. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String property = System.getProperty("atensi.repository.root");
        Path root = (property != null ? Paths.get(property) : Paths.get("").toAbsolutePath().resolve("../..")).normalize();
        if (!Files.isDirectory(root.resolve("deploy/k8s"))) {
            throw new IllegalStateException("No deploy/k8s under " + root.toAbsolutePath() + ": set -Datensi.repository.root");
        }
        return root.toAbsolutePath();
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }
}
