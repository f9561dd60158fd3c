package id.atensi.beneficiary.pii;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalNumberCipherTest {

    private static final String KEY_A = "9XRNEKOc3xkfL81QDN5EwqVW1+JVrmbMtY5BpeO3ohI=";
    private static final String KEY_B = "rkXC5UkJkEMRAJWLSw5p7NbYvLlOKZyRHonVXZhkF2k=";
    private static final String NIK = "3201014508900001";

    private static Map<String, String> config(String active, String... keys) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keys.length; i += 2) {
            config.put(PersonalNumberCipher.KEYS_PREFIX + keys[i], keys[i + 1]);
        }
        if (active != null) {
            config.put(PersonalNumberCipher.ACTIVE_KEY_ID, active);
        }
        config.put(PersonalNumberCipher.HASH_KEY, KEY_B);
        return config;
    }

    @Test
    void sealedNumberOpensAgainAndDoesNotShowThePlaintext() {
        PersonalNumberCipher cipher = PersonalNumberCipher.fromConfig(config("a", "a", KEY_A));
        PersonalNumberCipher.Sealed sealed = cipher.seal(NIK, "nik");
        assertEquals("a", sealed.keyId());
        assertFalse(sealed.ciphertext().contains(NIK));
        assertEquals(NIK, cipher.open(sealed, "nik"));
    }

    @Test
    void sameNumberSealsDifferentlyEachTimeButHashesTheSame() {
        PersonalNumberCipher cipher = PersonalNumberCipher.fromConfig(config("a", "a", KEY_A));
        assertNotEquals(cipher.seal(NIK, "nik").ciphertext(), cipher.seal(NIK, "nik").ciphertext());
        assertEquals(cipher.hash(NIK, "nik"), cipher.hash(NIK, "nik"));
        assertNotEquals(cipher.hash(NIK, "nik"), cipher.hash(NIK, "kk"));
    }

    @Test
    void aCiphertextMovedToAnotherColumnDoesNotOpen() {
        PersonalNumberCipher cipher = PersonalNumberCipher.fromConfig(config("a", "a", KEY_A));
        PersonalNumberCipher.Sealed sealed = cipher.seal(NIK, "nik");
        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "kk"));
    }

    @Test
    void valuesSealedWithARetiredKeyStillOpenAfterRotation() {
        PersonalNumberCipher.Sealed old = PersonalNumberCipher.fromConfig(config("a", "a", KEY_A)).seal(NIK, "nik");
        PersonalNumberCipher rotated = PersonalNumberCipher.fromConfig(config("b", "a", KEY_A, "b", KEY_B));
        assertEquals("b", rotated.seal(NIK, "nik").keyId());
        assertEquals(NIK, rotated.open(old, "nik"));
    }

    @Test
    void aValueOfAKeyNoLongerConfiguredFailsNamingTheKey() {
        PersonalNumberCipher.Sealed old = PersonalNumberCipher.fromConfig(config("a", "a", KEY_A)).seal(NIK, "nik");
        PersonalNumberCipher other = PersonalNumberCipher.fromConfig(config("b", "b", KEY_B));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.open(old, "nik"));
        assertTrue(e.getMessage().contains("key a"), e.getMessage());
    }

    @Test
    void withoutKeysTheCipherRefusesToStart() {
        assertTrue(assertThrows(IllegalStateException.class, () -> PersonalNumberCipher.fromConfig(config(null)))
                .getMessage().contains("active-key-id"));
        assertTrue(assertThrows(IllegalStateException.class, () -> PersonalNumberCipher.fromConfig(config("a", "b", KEY_B)))
                .getMessage().contains("keys.a"));
        assertTrue(assertThrows(IllegalStateException.class, () -> PersonalNumberCipher.fromConfig(config("a", "a", "c2hvcnQ=")))
                .getMessage().contains("32 bytes"));
    }

    @Test
    void maskingShowsFirstFourAndLastFour() {
        assertEquals("3201********0001", PersonalNumberCipher.masked(NIK));
        assertEquals(null, PersonalNumberCipher.masked(null));
    }
}
