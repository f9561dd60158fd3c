package id.atensi.webhook.domain;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Signing secrets at rest, encrypted with AES-256-GCM (as beneficiary-service's PersonalNumberCipher does NIK):
 * HMAC signing needs the secret itself, so it is encrypted rather than hashed. A stored value reads
 * {@code aesgcm:<keyId>:<base64 of iv and ciphertext>}; the key id inside lets keys rotate (add a key, make it active,
 * the old one still opens what it sealed). A value starting {@code whsec_} is a secret from before encryption
 * (or of a local run without a key): it opens as itself, and {@link #sealed(String)} tells the startup to seal it.
 */
public final class SecretCipher {

    private static final String PREFIX = "aesgcm:";
    private static final String PLAINTEXT_PREFIX = "whsec_";
    private static final byte[] ASSOCIATED = "endpoint.secret".getBytes(StandardCharsets.UTF_8);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    private SecretCipher(Map<String, SecretKeySpec> keys, String activeKeyId) {
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    /**
     * @param keys        base64 of 32 bytes by key id
     * @param activeKeyId the key new secrets are sealed with; none only where {@code plaintextAllowed}
     * @param plaintextAllowed a local deployment (plain http to loopback allowed): without a key, secrets stay as they are
     * @throws IllegalStateException naming the setting that is missing or malformed (never printing a key)
     */
    public static SecretCipher of(Map<String, String> keys, Optional<String> activeKeyId, boolean plaintextAllowed) {
        Map<String, SecretKeySpec> specs = new HashMap<>();
        keys.forEach((id, value) -> specs.put(id, new SecretKeySpec(decode(id, value), "AES")));
        if (activeKeyId.isEmpty() || activeKeyId.get().isBlank()) {
            if (plaintextAllowed) {
                return new SecretCipher(specs, null);
            }
            throw new IllegalStateException("atensi.webhook.secrets.active-key-id is not set: signing secrets cannot be encrypted at rest"
                    + " (env ATENSI_WEBHOOK_SECRETS_ACTIVE_KEY_ID and ATENSI_WEBHOOK_SECRETS_KEYS_<ID>)");
        }
        String active = activeKeyId.get();
        if (!specs.containsKey(active)) {
            throw new IllegalStateException("atensi.webhook.secrets.active-key-id names key " + active + ", but atensi.webhook.secrets.keys."
                    + active + " is not set (env ATENSI_WEBHOOK_SECRETS_KEYS_" + active.toUpperCase(Locale.ROOT).replace('-', '_') + ")");
        }
        return new SecretCipher(specs, active);
    }

    private static byte[] decode(String id, String value) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("atensi.webhook.secrets.keys." + id + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("atensi.webhook.secrets.keys." + id + " must be 32 bytes (base64 of 256 random bits), not " + key.length);
        }
        return key;
    }

    /** Whether secrets are encrypted; false only in a local deployment without a key. */
    public boolean encrypts() {
        return activeKeyId != null;
    }

    /** Whether a stored value is encrypted (or, without a key, all that can be). */
    public boolean sealed(String stored) {
        return stored == null || stored.startsWith(PREFIX) || !encrypts();
    }

    public String seal(String secret) {
        if (!encrypts()) {
            return secret;
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(ASSOCIATED);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a signing secret", e);
        }
    }

    public String open(String stored) {
        if (stored.startsWith(PLAINTEXT_PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (!stored.startsWith(PREFIX) || colon < 0) {
            throw new IllegalStateException("a stored signing secret is neither encrypted nor a whsec_ secret");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("a signing secret was encrypted with key " + keyId + ", which is not configured (atensi.webhook.secrets.keys."
                    + keyId + ")");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(ASSOCIATED);
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a signing secret does not decrypt with key " + keyId + " (tampered or wrong key)");
        }
    }
}
