package id.atensi.gateway.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The environment variable names the README promises, checked against the shipped application.properties. */
class GatewayConfigTest {

    private static final String ISSUER = "https://auth.atensi.example.org/realms/atensi";

    @Test
    void environmentOverridesServiceUrlsAndPrefixes() throws IOException {
        GatewayConfig config = load(Map.of(
                "ATENSI_GATEWAY_SERVICES_BENEFICIARY_URL", "http://beneficiary.atensi.svc:8080",
                "ATENSI_GATEWAY_SERVICES_AID_PREFIXES", "/api/v1/aid,/api/v1/distributions",
                "ATENSI_GATEWAY_OPENAPI_CACHE_TTL", "2m"));
        assertEquals(URI.create("http://beneficiary.atensi.svc:8080"), config.services().get("beneficiary").url());
        assertEquals(List.of("/api/v1/aid", "/api/v1/distributions"), config.services().get("aid").prefixes());
        assertEquals(Duration.ofMinutes(2), config.openapi().cacheTtl());
    }

    @Test
    void environmentAloneCanAddAService() throws IOException {
        GatewayConfig config = load(Map.of(
                "ATENSI_GATEWAY_SERVICES_REPORTING_URL", "http://reporting:8080",
                "ATENSI_GATEWAY_SERVICES_REPORTING_PREFIXES", "/api/v1/reports"));
        assertEquals(URI.create("http://reporting:8080"), config.services().get("reporting").url());
        assertEquals(List.of("/api/v1/reports"), config.services().get("reporting").prefixes());
    }

    @Test
    void defaultsRouteTheFiveServicesOnLocalhost() throws IOException {
        GatewayConfig config = load(Map.of());
        assertEquals(URI.create("http://localhost:8081"), config.services().get("beneficiary").url());
        assertEquals(URI.create("http://localhost:8082"), config.services().get("partner").url());
        assertEquals(URI.create("http://localhost:8083"), config.services().get("training").url());
        assertEquals(URI.create("http://localhost:8084"), config.services().get("aid").url());
        assertEquals(URI.create("http://localhost:8085"), config.services().get("webhook").url());
        assertEquals(List.of("/api/v1/webhooks"), config.services().get("webhook").prefixes());
        assertEquals(List.of("/api/v1/training", "/api/v1/trainings"), config.services().get("training").prefixes());
        assertEquals(Duration.ofSeconds(30), config.upstream().timeout());
    }

    @Test
    void swaggerUiLogsInAtTheIssuerUnlessToldOtherwise() throws IOException {
        assertEquals(URI.create(ISSUER), load(Map.of()).identity().issuer());
        assertEquals(URI.create("https://login.example.org/realms/atensi"),
                load(Map.of("ATENSI_GATEWAY_IDENTITY_ISSUER", "https://login.example.org/realms/atensi")).identity().issuer());
    }

    private static GatewayConfig load(Map<String, String> environment) throws IOException {
        Map<String, String> withIssuer = new HashMap<>(environment);
        // Every deployment names it; no profile's default applies here.
        withIssuer.putIfAbsent("MP_JWT_VERIFY_ISSUER", ISSUER);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                // Expressions such as ${mp.jwt.verify.issuer} resolved, as Quarkus does.
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(GatewayConfigTest.class.getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(withIssuer, 300))
                // Quarkus reads "30s"-style durations with this converter; plain SmallRye knows only ISO-8601.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(GatewayConfig.class)
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
