package id.atensi.gateway.support;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Publishes the test key pair's public half as a JSON Web Key Set, as Keycloak's realm does at
 * {@code /realms/atensi/protocol/openid-connect/certs}: the gateway then fetches its keys over HTTP.
 */
public final class JwksServer implements AutoCloseable {

    public static final String PATH = "/realms/atensi/protocol/openid-connect/certs";

    private final HttpServer server;

    private JwksServer(HttpServer server) {
        this.server = server;
    }

    public static JwksServer startOnPort(int port) {
        byte[] jwks = jwks().encode().getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext(PATH, exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            return new JwksServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the test keys on port " + port, e);
        }
    }

    /** The key set with the test key under the id the test tokens name ({@code atensi-local}). */
    private static JsonObject jwks() {
        RSAPublicKey key;
        try {
            String pem = Files.readString(TestKeys.keys().publicKeyFile())
                    .replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable test public key", e);
        }
        return new JsonObject().put("keys", new JsonArray().add(new JsonObject()
                .put("kid", "atensi-local")
                .put("kty", "RSA")
                .put("alg", "RS256")
                .put("use", "sig")
                .put("n", base64Url(key.getModulus()))
                .put("e", base64Url(key.getPublicExponent()))));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        // BigInteger adds a sign byte where the top bit is set; a JWK holds the unsigned value.
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
