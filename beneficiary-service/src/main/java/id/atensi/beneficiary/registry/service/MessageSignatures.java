package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.registry.config.RegistryConfig;
import id.atensi.beneficiary.registry.domain.MessageError;
import id.atensi.beneficiary.registry.domain.MessageRejected;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard's message signature: {@code Signature: namespace="spdci", keyId="{sender_id}|{key id}|ed25519",
 * algorithm="ed25519", created="…", expires="…", headers="(created) (expires) digest", signature="…"} over the lines
 * {@code (created): …}, {@code (expires): …} and {@code digest: SHA-256=…}, the digest being of the header and the
 * message written as canonical JSON (keys sorted, no spaces) as {@code {"header":…,"message":…}}. The standard names
 * neither the digest nor the canonical form; docs/registry-interop.md says which ones this registry uses.
 */
@ApplicationScoped
public class MessageSignatures {

    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");

    private final RegistryConfig.Signature config;
    private final Clock clock;
    private final Map<String, PublicKey> senderKeys = new HashMap<>();
    private final Optional<PrivateKey> signingKey;
    private final Optional<PublicKey> signingPublicKey;

    MessageSignatures(RegistryConfig config, Clock clock) {
        this.config = config.signature();
        this.clock = clock;
        for (String entry : this.config.senderKeys().orElse(List.of())) {
            String[] parts = entry.strip().split("\\|");
            if (parts.length != 3) {
                throw new IllegalStateException("atensi.beneficiary.registry.signature.sender-keys: an entry is sender_id|key id|base64 key, not " + parts.length + " parts");
            }
            senderKeys.put(parts[0] + "|" + parts[1], publicKey(parts[2]));
        }
        this.signingKey = this.config.signingKey().map(MessageSignatures::privateKey);
        this.signingPublicKey = signingKey.map(MessageSignatures::publicHalf);
    }

    /** Checks a signature present, and refuses its absence when signatures are required. */
    public void verify(Optional<String> signature, String senderId, JsonNode header, JsonNode message) {
        if (signature.isEmpty() || signature.get().isBlank()) {
            if (config.required()) {
                throw new MessageRejected(MessageError.SIGNATURE_MISSING, "this registry requires signed messages");
            }
            return;
        }
        Map<String, String> parameters = parameters(signature.get());
        String keyId = parameters.getOrDefault("keyId", parameters.get("kidId"));
        if (keyId == null || !"ed25519".equalsIgnoreCase(parameters.get("algorithm"))) {
            throw invalid("the signature names its keyId and the algorithm ed25519");
        }
        String[] kid = keyId.split("\\|");
        if (kid.length != 3 || !kid[0].equals(senderId) || !"ed25519".equalsIgnoreCase(kid[2])) {
            throw invalid("the signature's keyId is {sender_id}|{key id}|ed25519 with the header's sender_id");
        }
        PublicKey key = senderKeys.get(kid[0] + "|" + kid[1]);
        if (key == null) {
            throw invalid("this registry knows no key " + kid[1] + " of " + senderId);
        }
        long created = epochSeconds(parameters.get("created"));
        long expires = epochSeconds(parameters.get("expires"));
        long now = clock.instant().getEpochSecond();
        if (created > now + 60 || expires < now || now - created > config.maxAge().toSeconds()) {
            throw invalid("the signature is not valid now: created " + created + ", expires " + expires);
        }
        String value = parameters.get("signature");
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signingString(created, expires, header, message));
            if (value == null || !verifier.verify(Base64.getDecoder().decode(value))) {
                throw invalid("the signature does not match the header and message");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw invalid("the signature does not match the header and message");
        }
    }

    /** This registry's signature of an answer, when a signing key is configured. */
    public Optional<String> sign(JsonNode header, JsonNode message, String senderId) {
        if (signingKey.isEmpty()) {
            return Optional.empty();
        }
        long created = clock.instant().getEpochSecond();
        long expires = created + config.maxAge().toSeconds();
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(signingKey.get());
            signer.update(signingString(created, expires, header, message));
            String value = Base64.getEncoder().encodeToString(signer.sign());
            return Optional.of("Signature: namespace=\"spdci\", keyId=\"" + senderId + "|" + config.signingKeyId() + "|ed25519\", algorithm=\"ed25519\", created=\""
                    + created + "\", expires=\"" + expires + "\", headers=\"(created) (expires) digest\", signature=\"" + value + "\"");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing an answer with Ed25519 failed", e);
        }
    }

    /** The public half of the signing key as a JSON Web Key (RFC 8037), for {@code /.well-known/jwks.json}. */
    public ArrayNode publicKeys() {
        ArrayNode keys = JsonNodeFactory.instance.arrayNode();
        signingPublicKey.ifPresent(key -> {
            byte[] encoded = key.getEncoded();
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            keys.addObject().put("kty", "OKP").put("crv", "Ed25519").put("kid", config.signingKeyId()).put("use", "sig").put("alg", "EdDSA")
                    .put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        });
        return keys;
    }

    public static byte[] signingString(long created, long expires, JsonNode header, JsonNode message) {
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.set("header", canonical(header));
        signed.set("message", canonical(message));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(signed.toString().getBytes(StandardCharsets.UTF_8));
            return ("(created): " + created + "\n(expires): " + expires + "\ndigest: SHA-256=" + Base64.getEncoder().encodeToString(digest))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            fields.forEachRemaining(field -> sorted.put(field.getKey(), canonical(field.getValue())));
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            sorted.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(canonical(item)));
            return copy;
        }
        return node;
    }

    private static Map<String, String> parameters(String signature) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(signature);
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        return parameters;
    }

    private static long epochSeconds(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid("the signature's created and expires are seconds since 1970");
        }
    }

    private static MessageRejected invalid(String message) {
        return new MessageRejected(MessageError.SIGNATURE_INVALID, message);
    }

    private static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("atensi.beneficiary.registry.signature.sender-keys holds a key that is not an X.509-encoded Ed25519 key", e);
        }
    }

    private static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("atensi.beneficiary.registry.signature.signing-key is not a PKCS#8-encoded Ed25519 key", e);
        }
    }

    /**
     * The public half of the signing key, so that only the private key is configured: the JDK's Ed25519 generator
     * makes the private key from the 32 bytes it draws, so a source that yields this key's seed gives back its pair.
     */
    private static PublicKey publicHalf(PrivateKey key) {
        try {
            java.security.interfaces.EdECPrivateKey edKey = (java.security.interfaces.EdECPrivateKey) key;
            byte[] seed = edKey.getBytes().orElseThrow();
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(java.security.spec.NamedParameterSpec.ED25519, new FixedRandom(seed));
            return generator.generateKeyPair().getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not derive the public half of the registry's signing key", e);
        }
    }

    /** Hands the key pair generator the private key's seed, so that it derives that key's public half. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
