package id.atensi.beneficiary.registry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * Ed25519 keys made for one test run, never stored: the calling organisation's (its public half configured as a
 * sender key) and the registry's own signing key; signatures are required while this resource is on.
 */
public class SigningKeys implements QuarkusTestResourceLifecycleManager {

    public static final String KEY_ID = "k1";
    public static KeyPair sender;
    public static KeyPair registry;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            sender = generator.generateKeyPair();
            registry = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return Map.of(
                "atensi.beneficiary.registry.signature.required", "true",
                "atensi.beneficiary.registry.signature.sender-keys", RegistryFixtures.SENDER + "|" + KEY_ID + "|" + base64.encodeToString(sender.getPublic().getEncoded()),
                "atensi.beneficiary.registry.signature.signing-key", base64.encodeToString(registry.getPrivate().getEncoded()));
    }

    @Override
    public void stop() {
        sender = null;
        registry = null;
    }
}
