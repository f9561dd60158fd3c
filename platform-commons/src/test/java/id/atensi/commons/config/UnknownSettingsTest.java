package id.atensi.commons.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's mapping ({@code atensi}) and a service's own ({@code atensi.<service>}) together name every
 * {@code atensi.*} key: a key neither declares stops the configuration from loading, as it stops a service at start.
 */
class UnknownSettingsTest {

    @ConfigMapping(prefix = "atensi.example")
    interface ExampleServiceConfig {
        @WithDefault("Asia/Jakarta")
        String timeZone();
    }

    @Test
    void theKeysOfThePlatformAndOfTheServiceAreAccepted() {
        SmallRyeConfig config = load(Map.of(
                "atensi.service-name", "example",
                "atensi.outbox.relay.enabled", "false",
                "atensi.idempotency-keys.retention", "PT2H",
                "atensi.example.time-zone", "Asia/Makassar"));
        assertEquals("example", config.getConfigMapping(PlatformConfig.class).serviceName());
        assertEquals("Asia/Makassar", config.getConfigMapping(ExampleServiceConfig.class).timeZone());
    }

    @Test
    void aMistypedPlatformKeyIsRefusedNamingIt() {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class, () -> load(Map.of(
                "atensi.service-name", "example",
                "atensi.outbox.relay.enabeld", "false")));
        assertTrue(refused.getMessage().contains("atensi.outbox.relay.enabeld"), refused.getMessage());
    }

    @Test
    void aMistypedServiceKeyIsRefusedNamingIt() {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class, () -> load(Map.of(
                "atensi.service-name", "example",
                "atensi.example.timezone", "Asia/Makassar")));
        assertTrue(refused.getMessage().contains("atensi.example.timezone"), refused.getMessage());
    }

    @Test
    void aKeyOfNoMappingUnderTheAtensiPrefixIsRefused() {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class, () -> load(Map.of(
                "atensi.service-name", "example",
                "atensi.nobody.reads-this", "1")));
        assertTrue(refused.getMessage().contains("atensi.nobody.reads-this"), refused.getMessage());
    }

    private static SmallRyeConfig load(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(PlatformConfig.class)
                .withMapping(ExampleServiceConfig.class)
                .withValidateUnknown(true)
                .build();
    }
}
