package id.atensi.local.launcher;

import java.time.Duration;

/** ./atensi on {@link FakePlatform}, as a process of its own: for what only a whole process shows (signals, the foreground). */
public final class FakeLauncher {

    private FakeLauncher() {
    }

    public static void main(String[] args) {
        System.exit(Launcher.runAsCommand(FakePlatform::new, Duration.ofSeconds(60), Duration.ofSeconds(3), args));
    }
}
