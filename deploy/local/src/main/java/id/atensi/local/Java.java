package id.atensi.local;

import java.nio.file.Path;

/** The java executable of the running JVM, so that child processes run on the same JDK. */
final class Java {

    private Java() {
    }

    static String executable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The running JDK's home, for tools that look for {@code $JAVA_HOME/bin/java} themselves (Keycloak's kc.sh). */
    static String home() {
        return ProcessHandle.current().info().command()
                .map(command -> Path.of(command).toAbsolutePath().getParent().getParent().toString())
                .orElse(System.getProperty("java.home"));
    }
}
