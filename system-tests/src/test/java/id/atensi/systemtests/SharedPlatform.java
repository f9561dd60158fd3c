package id.atensi.systemtests;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running platform for every system test class of a run: started by the first class that needs it and
 * stopped when the run ends, because starting four services and the gateway costs minutes.
 */
final class SharedPlatform implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    private static RunningPlatform platform;

    /** The stored resource closes the platform when JUnit closes the root context, at the end of the run. */
    private record Stopper(RunningPlatform platform) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            platform.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        platform = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Stopper.class, key -> new Stopper(RunningPlatform.start()), Stopper.class)
                .platform();
        RestAssured.baseURI = platform.gatewayUrl();
    }

    static RunningPlatform get() {
        return platform;
    }
}
