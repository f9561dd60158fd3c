package id.atensi.beneficiary.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.registry.RegistryFixtures;
import id.atensi.beneficiary.registry.SigningKeys;
import id.atensi.beneficiary.registry.service.MessageSignatures;
import id.atensi.testing.AtensiTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static id.atensi.beneficiary.registry.RegistryFixtures.asRegistry;
import static id.atensi.beneficiary.registry.RegistryFixtures.byNik;
import static id.atensi.beneficiary.registry.RegistryFixtures.message;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standard's ed25519 message signatures, required in this profile: checked on requests, made on answers, published as a JWK. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
@WithTestResource(SigningKeys.class)
class RegistrySignatureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String signed(String body, java.security.PrivateKey key, String keyId) throws Exception {
        ObjectNode envelope = (ObjectNode) JSON.readTree(body);
        long created = System.currentTimeMillis() / 1000;
        long expires = created + 300;
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(MessageSignatures.signingString(created, expires, envelope.get("header"), envelope.get("message")));
        envelope.put("signature", "Signature: namespace=\"spdci\", keyId=\"" + keyId + "\", algorithm=\"ed25519\", created=\"" + created
                + "\", expires=\"" + expires + "\", headers=\"(created) (expires) digest\", signature=\"" + Base64.getEncoder().encodeToString(signer.sign()) + "\"");
        return envelope.toString();
    }

    private static String keyId() {
        return RegistryFixtures.SENDER + "|" + SigningKeys.KEY_ID + "|ed25519";
    }

    @Test
    void aSignedMessageIsTakenAndTheAnswerIsSignedWithThePublishedKey() throws Exception {
        String body = signed(message("search", byNik("r", NikFixtures.woman())), SigningKeys.sender.getPrivate(), keyId());

        String answer = asRegistry().body(body).when().post("/registry/sync/search").then().statusCode(200).extract().asString();

        JsonNode envelope = JSON.readTree(answer);
        Matcher parts = Pattern.compile("created=\"(\\d+)\", expires=\"(\\d+)\".*signature=\"([^\"]+)\"").matcher(envelope.path("signature").asText());
        assertTrue(parts.find(), "the answer is signed: " + envelope.path("signature"));
        String x = given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("OKP")).body("keys[0].crv", equalTo("Ed25519")).body("keys[0].alg", equalTo("EdDSA"))
                .extract().path("keys[0].x");
        byte[] encoded = SigningKeys.registry.getPublic().getEncoded();
        assertArrayEquals(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length), Base64.getUrlDecoder().decode(x));
        byte[] prefix = Arrays.copyOf(encoded, encoded.length - 32);
        byte[] rebuilt = Arrays.copyOf(prefix, encoded.length);
        System.arraycopy(Base64.getUrlDecoder().decode(x), 0, rebuilt, prefix.length, 32);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(rebuilt)));
        verifier.update(MessageSignatures.signingString(Long.parseLong(parts.group(1)), Long.parseLong(parts.group(2)), envelope.get("header"), envelope.get("message")));
        assertTrue(verifier.verify(Base64.getDecoder().decode(parts.group(3))), "the answer's signature checks with the published key");
    }

    @Test
    void anUnsignedMessageIsRefusedWhenSignaturesAreRequired() {
        asRegistry().body(message("search", byNik("r", NikFixtures.woman()))).when().post("/registry/sync/search").then().statusCode(400)
                .body("message.ack_status", equalTo("ERR")).body("message.error.code", equalTo("err.signature.missing"));
    }

    @Test
    void aMessageChangedAfterSigningOrSignedByAnotherKeyIsRefused() throws Exception {
        String body = signed(message("search", byNik("r", NikFixtures.woman())), SigningKeys.sender.getPrivate(), keyId());
        asRegistry().body(body.replace("\"reference_id\":\"r\"", "\"reference_id\":\"s\"")).when().post("/registry/sync/search").then().statusCode(400)
                .body("message.error.code", equalTo("err.signature.invalid"));

        String byOther = signed(message("search", byNik("r", NikFixtures.woman())), SigningKeys.registry.getPrivate(), keyId());
        asRegistry().body(byOther).when().post("/registry/sync/search").then().statusCode(400)
                .body("message.error.code", equalTo("err.signature.invalid"));

        String unknownKey = signed(message("search", byNik("r", NikFixtures.woman())), SigningKeys.sender.getPrivate(), RegistryFixtures.SENDER + "|k9|ed25519");
        asRegistry().body(unknownKey).when().post("/registry/sync/search").then().statusCode(400)
                .body("message.error.code", equalTo("err.signature.invalid"));
    }

    @Test
    void theTokenPathRefusesOtherGrantsAndSaysWhenTheIdentityProviderIsDown() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password").formParam("client_id", "x")
                .when().post("/oauth2/client/token").then().statusCode(400).body("errors[0].code", equalTo("err.request.bad"));
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials").formParam("client_id", "x")
                .formParam("client_secret", "y")
                .when().post("/oauth2/client/token").then().statusCode(503).body("errors[0].code", equalTo("err.service.unavailable"));
    }
}
