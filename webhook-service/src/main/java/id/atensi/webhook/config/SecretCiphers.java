package id.atensi.webhook.config;

import id.atensi.webhook.domain.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.HashMap;
import java.util.Map;

/** The signing secrets' cipher, from configuration: outside a local deployment the service does not start without a key. */
@ApplicationScoped
public class SecretCiphers {

    @Produces
    @ApplicationScoped
    SecretCipher cipher(WebhookConfig config) {
        Map<String, String> keys = new HashMap<>();
        // A variable name cannot hold '-', and the configuration reads its '_' as '.': ATENSI_WEBHOOK_SECRETS_KEYS_K2026_01
        // arrives as key k2026.01, stored beside each secret it seals as k2026-01.
        config.secrets().keys().forEach((id, key) -> keys.put(id.replace('.', '-'), key));
        return SecretCipher.of(keys, config.secrets().activeKeyId().map(id -> id.replace('.', '-')), config.outbound().allowPlainHttp());
    }
}
