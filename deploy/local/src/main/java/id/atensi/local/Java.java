package id.atensi.local;

/** The java executable of the running JVM, so that child processes run on the same JDK. */
final class Java {

    private Java() {
    }

    static String executable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
