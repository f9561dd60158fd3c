package id.atensi.webhook.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignaturesTest {

    @Test
    void theSpecificationsTestVectorSignsAsPublished() {
        // The example of the Standard Webhooks reference libraries: secret, id, timestamp and body, and their signature.
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                Signatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body));
    }

    @Test
    void aNewSecretIsWhsecAndThirtyTwoRandomBytes() {
        String one = Signatures.newSecret();
        assertTrue(one.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(one.substring(6)).length);
        assertNotEquals(one, Signatures.newSecret());
    }

    @Test
    void theHeaderCarriesOneSignaturePerSecretSpaceSeparated() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String a = Signatures.newSecret();
        String b = Signatures.newSecret();
        assertEquals(Signatures.sign(a, "msg_1", 5, body) + " " + Signatures.sign(b, "msg_1", 5, body),
                Signatures.header(List.of(a, b), "msg_1", 5, body));
    }
}
