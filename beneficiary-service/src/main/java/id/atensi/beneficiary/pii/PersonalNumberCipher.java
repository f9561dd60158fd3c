package id.atensi.beneficiary.pii;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Encryption at rest of personal numbers (NIK, KK number) with AES-256-GCM, and their keyed hash
 * (HMAC-SHA256) for exact lookup and uniqueness without decrypting.
 * <p>
 * Keys come from configuration: {@code atensi.beneficiary.pii.keys.<keyId>} (base64 of 32 bytes), any number
 * of them, and {@code atensi.beneficiary.pii.active-key-id} naming the one new values are encrypted with. Each
 * stored value carries its key id, so a key can be rotated: add a new key, make it active, and old rows stay
 * readable with the old one. The hash key ({@code atensi.beneficiary.pii.hash-key}) cannot rotate this way:
 * every stored hash would have to be recomputed, so it is one key.
 * <p>
 * The column name is bound into each ciphertext as associated data: a NIK ciphertext copied into the KK
 * column does not decrypt.
 */
public final class PersonalNumberCipher {

    public static final String PREFIX = "atensi.beneficiary.pii.";
    public static final String KEYS_PREFIX = PREFIX + "keys.";
    public static final String ACTIVE_KEY_ID = PREFIX + "active-key-id";
    public static final String HASH_KEY = PREFIX + "hash-key";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecretKeySpec hashKey;
    // Mac.getInstance and Cipher.getInstance look up the provider each time, and Mac.init re-derives the HMAC pads:
    // together more CPU than hashing a 16-digit number. One initialised Mac and one Cipher per thread.
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available", e);
        }
    });

    /** An encrypted value and the id of the key that encrypted it. */
    public record Sealed(String keyId, String ciphertext) {
    }

    private PersonalNumberCipher(Map<String, SecretKeySpec> keys, String activeKeyId, SecretKeySpec hashKey) {
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
        this.hashKey = hashKey;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(this.hashKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
    }

    /**
     * @param config every configuration entry whose name starts with {@value #PREFIX} (others are ignored)
     * @throws IllegalStateException naming the missing or malformed key (never printing a key)
     */
    public static PersonalNumberCipher fromConfig(Map<String, String> config) {
        Map<String, SecretKeySpec> keys = new HashMap<>();
        config.forEach((name, value) -> {
            if (name.startsWith(KEYS_PREFIX) && name.length() > KEYS_PREFIX.length()) {
                keys.put(name.substring(KEYS_PREFIX.length()), new SecretKeySpec(decodeKey(name, value), "AES"));
            }
        });
        String active = config.get(ACTIVE_KEY_ID);
        if (active == null || active.isBlank()) {
            throw new IllegalStateException(ACTIVE_KEY_ID + " is not set: personal numbers cannot be encrypted (env ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID)");
        }
        if (!keys.containsKey(active)) {
            throw new IllegalStateException(ACTIVE_KEY_ID + " names key " + active + ", but " + KEYS_PREFIX + active
                    + " is not set (env ATENSI_BENEFICIARY_PII_KEYS_" + active.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + ")");
        }
        String hash = config.get(HASH_KEY);
        if (hash == null || hash.isBlank()) {
            throw new IllegalStateException(HASH_KEY + " is not set (env ATENSI_BENEFICIARY_PII_HASH_KEY)");
        }
        return new PersonalNumberCipher(keys, active, new SecretKeySpec(decodeKey(HASH_KEY, hash), "HmacSHA256"));
    }

    private static byte[] decodeKey(String name, String value) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes (base64 of 256 random bits), not " + key.length);
        }
        return key;
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Sealed seal(String plaintext, String column) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return new Sealed(activeKeyId, Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt " + column, e);
        }
    }

    public String open(Sealed sealed, String column) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException(column + " was encrypted with key " + sealed.keyId() + ", which is not configured ("
                    + KEYS_PREFIX + sealed.keyId() + ")");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.ciphertext());
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(column + " does not decrypt with key " + sealed.keyId() + " (tampered or wrong key)");
        }
    }

    /** Keyed hash, hex: equal numbers give equal hashes, and without the key a hash reveals nothing. */
    public String hash(String plaintext, String column) {
        Mac mac = macs.get();
        mac.update(column.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return HexFormat.of().formatHex(mac.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /** Shows the first four digits (province and regency) and the last four: enough to tell records apart, not to use the number. */
    public static String masked(String number) {
        if (number == null) {
            return null;
        }
        if (number.length() <= 8) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 4) + "*".repeat(number.length() - 8) + number.substring(number.length() - 4);
    }
}
