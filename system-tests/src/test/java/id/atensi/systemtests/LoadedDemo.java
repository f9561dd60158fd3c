package id.atensi.systemtests;

import id.atensi.local.KeycloakAdmin;
import id.atensi.local.LocalRealm;
import id.atensi.local.demo.DemoLoader;
import id.atensi.testing.TestInfrastructure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The demo of {@code ./atensi demo} (deploy/local, id.atensi.local.demo) loaded into the shared platform once for
 * every test class that reads it (DemoSystemTest, ConsoleDemoBrowserSystemTest): a load takes minutes, and a second
 * one changes nothing. A load that failed fails each later caller with its cause instead of being tried again.
 */
final class LoadedDemo {

    /** The demo users' password in this test's Keycloak: a test value, as ./atensi makes a random one per installation. */
    static final String PASSWORD = "demo-system-test-only";

    private static DemoLoader.Result demo;
    private static String progress;
    private static RuntimeException failure;

    private LoadedDemo() {
    }

    static synchronized DemoLoader.Result get(RunningPlatform platform) {
        if (failure != null) {
            throw new IllegalStateException("the demo did not load", failure);
        }
        if (demo == null) {
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            try {
                demo = loader(platform, said).load();
            } catch (RuntimeException e) {
                failure = e;
                throw new IllegalStateException("the demo did not load; it said:\n" + said.toString(StandardCharsets.UTF_8), e);
            }
            progress = said.toString(StandardCharsets.UTF_8);
        }
        return demo;
    }

    /** What the first load said, story by story. */
    static synchronized String progress(RunningPlatform platform) {
        get(platform);
        return progress;
    }

    /** A loader of the same demo with the same password, for a test that loads it again. */
    static DemoLoader loader(RunningPlatform platform, ByteArrayOutputStream said) {
        return new DemoLoader(platform.gatewayUrl(), keycloak(), PASSWORD, new PrintStream(said, true, StandardCharsets.UTF_8));
    }

    static KeycloakAdmin keycloak() {
        return TestInfrastructure.keycloak().admin();
    }

    /** A demo user's access token (the realm's password client). */
    static String token(String user) {
        return keycloak().passwordToken(LocalRealm.PASSWORD_CLIENT, user, PASSWORD);
    }
}
