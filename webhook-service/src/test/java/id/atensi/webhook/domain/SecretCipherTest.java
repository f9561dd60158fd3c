package id.atensi.webhook.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretCipherTest {

    private static final String KEY_A = "9XRNEKOc3xkfL81QDN5EwqVW1+JVrmbMtY5BpeO3ohI=";
    private static final String KEY_B = "rkXC5UkJkEMRAJWLSw5p7NbYvLlOKZyRHonVXZhkF2k=";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void aSealedSecretHoldsNoPlainTextDiffersEachTimeAndOpens() {
        SecretCipher cipher = SecretCipher.of(Map.of("a", KEY_A), Optional.of("a"), false);
        String sealed = cipher.seal(SECRET);
        assertTrue(sealed.startsWith("aesgcm:a:"), sealed);
        assertFalse(sealed.contains("whsec_") || sealed.contains(SECRET.substring(6)));
        assertNotEquals(sealed, cipher.seal(SECRET));
        assertEquals(SECRET, cipher.open(sealed));
        assertTrue(cipher.sealed(sealed));
        assertFalse(cipher.sealed(SECRET));
    }

    @Test
    void secretsSealedWithARetiredKeyOpenAfterRotationAndATamperedOneDoesNot() {
        String old = SecretCipher.of(Map.of("a", KEY_A), Optional.of("a"), false).seal(SECRET);
        SecretCipher rotated = SecretCipher.of(Map.of("a", KEY_A, "b", KEY_B), Optional.of("b"), false);
        assertTrue(rotated.seal(SECRET).startsWith("aesgcm:b:"));
        assertEquals(SECRET, rotated.open(old));
        String tampered = old.substring(0, old.length() - 4) + (old.endsWith("AAA=") ? "BBB=" : "AAA=");
        assertThrows(IllegalStateException.class, () -> rotated.open(tampered));
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> SecretCipher.of(Map.of("b", KEY_B), Optional.of("b"), false).open(old));
        assertTrue(unknown.getMessage().contains("key a"), unknown.getMessage());
    }

    @Test
    void withoutAKeyOnlyALocalDeploymentStartsAndItsSecretsStayAsTheyAre() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SecretCipher.of(Map.of(), Optional.empty(), false));
        assertTrue(refused.getMessage().contains("ATENSI_WEBHOOK_SECRETS_ACTIVE_KEY_ID"), refused.getMessage());
        assertTrue(assertThrows(IllegalStateException.class, () -> SecretCipher.of(Map.of(), Optional.of("k1"), false))
                .getMessage().contains("ATENSI_WEBHOOK_SECRETS_KEYS_K1"));
        assertTrue(assertThrows(IllegalStateException.class, () -> SecretCipher.of(Map.of("a", "c2hvcnQ="), Optional.of("a"), false))
                .getMessage().contains("32 bytes"));
        SecretCipher local = SecretCipher.of(Map.of(), Optional.empty(), true);
        assertFalse(local.encrypts());
        assertEquals(SECRET, local.seal(SECRET));
        assertEquals(SECRET, local.open(SECRET));
    }
}
