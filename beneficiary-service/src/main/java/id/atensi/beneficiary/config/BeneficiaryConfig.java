package id.atensi.beneficiary.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The beneficiary service's own settings, every key under {@code atensi.beneficiary.}. A mapping of its own, not loose
 * properties: the platform's {@code atensi} mapping refuses keys under its prefix that no mapping claims.
 */
@ConfigMapping(prefix = "atensi.beneficiary")
public interface BeneficiaryConfig {

    /**
     * The programme's time zone, which says what "today" is for a decision, an assessment or a birth date: a decree
     * signed in Jakarta at 06:00 WIB is dated that day, while UTC is still on the day before until 07:00 WIB.
     */
    @WithDefault("Asia/Jakarta")
    ZoneId timeZone();

    Pii pii();

    /**
     * Keys of the personal numbers (NIK, KK) at rest; see {@code pii.PersonalNumberCipher}. Optional here so that the
     * cipher, not the configuration loader, refuses to start without them: it names the variable to set.
     */
    interface Pii {

        /** AES-256 keys by key id, base64 of 32 bytes; all decrypt. */
        Map<String, String> keys();

        /** The key id new and updated values are encrypted with. */
        Optional<String> activeKeyId();

        /** The HMAC-SHA256 key of the lookup hashes, base64 of 32 bytes. */
        Optional<String> hashKey();
    }
}
