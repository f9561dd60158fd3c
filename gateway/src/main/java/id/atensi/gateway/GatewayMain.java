package id.atensi.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the gateway with Quarkus' own request-target check turned off: that check answers a target
 * {@code java.net.URI} cannot parse with an empty 400 before any route or filter runs, where the gateway could
 * not make it problem+json. The gateway checks targets itself instead, more strictly
 * ({@code id.atensi.gateway.request.MalformedRequests}). Quarkus reads the switch once, when its HTTP layer
 * loads, so it has to be set before the application starts.
 */
@QuarkusMain
public final class GatewayMain {

    /** The system property Quarkus' HTTP layer reads (VertxHttpRecorder). */
    public static final String QUARKUS_URI_VALIDATION_OFF = "vertx.disableURIValidation";

    private GatewayMain() {
    }

    public static void main(String... args) {
        System.setProperty(QUARKUS_URI_VALIDATION_OFF, "true");
        Quarkus.run(args);
    }
}
