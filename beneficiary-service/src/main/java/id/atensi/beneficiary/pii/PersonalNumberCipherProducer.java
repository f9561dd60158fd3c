package id.atensi.beneficiary.pii;

import id.atensi.beneficiary.config.BeneficiaryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.HashMap;
import java.util.Map;

/** The cipher, from configuration: the service does not start without its keys. */
@ApplicationScoped
public class PersonalNumberCipherProducer {

    @Produces
    @ApplicationScoped
    PersonalNumberCipher cipher(BeneficiaryConfig config) {
        return fromConfig(config.pii());
    }

    /** Also used by the V2 migration, which runs before CDI beans. */
    public static PersonalNumberCipher fromConfig(BeneficiaryConfig.Pii pii) {
        Map<String, String> entries = new HashMap<>();
        // A variable name cannot hold '-', and the configuration reads its '_' as '.': ATENSI_BENEFICIARY_PII_KEYS_K2026_01
        // arrives as key k2026.01. deploy/README.md names that key k2026-01, the id stored beside every value it sealed.
        pii.keys().forEach((keyId, key) -> entries.put(PersonalNumberCipher.KEYS_PREFIX + keyId.replace('.', '-'), key));
        pii.activeKeyId().ifPresent(value -> entries.put(PersonalNumberCipher.ACTIVE_KEY_ID, value));
        pii.hashKey().ifPresent(value -> entries.put(PersonalNumberCipher.HASH_KEY, value));
        return PersonalNumberCipher.fromConfig(entries);
    }
}
