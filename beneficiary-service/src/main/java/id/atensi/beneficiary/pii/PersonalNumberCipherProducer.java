package id.atensi.beneficiary.pii;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The cipher, from configuration: the service does not start without its keys. */
@ApplicationScoped
public class PersonalNumberCipherProducer {

    private static final String ENV_KEYS_PREFIX = "ATENSI_BENEFICIARY_PII_KEYS_";

    @Produces
    @ApplicationScoped
    PersonalNumberCipher cipher() {
        return fromConfig(ConfigProvider.getConfig());
    }

    /** Also used by the V2 migration, which runs before CDI beans. */
    public static PersonalNumberCipher fromConfig(Config config) {
        Map<String, String> entries = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PersonalNumberCipher.KEYS_PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(value -> entries.put(name, value));
            } else if (name.startsWith(ENV_KEYS_PREFIX) && name.length() > ENV_KEYS_PREFIX.length()) {
                // ATENSI_BENEFICIARY_PII_KEYS_K2026_01 names key id k2026-01
                String keyId = name.substring(ENV_KEYS_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> entries.put(PersonalNumberCipher.KEYS_PREFIX + keyId, value));
            }
        }
        config.getOptionalValue(PersonalNumberCipher.ACTIVE_KEY_ID, String.class)
                .ifPresent(value -> entries.put(PersonalNumberCipher.ACTIVE_KEY_ID, value));
        config.getOptionalValue(PersonalNumberCipher.HASH_KEY, String.class)
                .ifPresent(value -> entries.put(PersonalNumberCipher.HASH_KEY, value));
        return PersonalNumberCipher.fromConfig(entries);
    }
}
