package id.atensi.outbound;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Production sends webhooks and registry callbacks over HTTPS only, to the address it checked rather than the name it
 * was given. The certificate must still be checked against the URL's host name, and that name sent as SNI: against a
 * real TLS server on 127.0.0.1 whose certificate (made here with the JDK's keytool, trusted through the JVM's trust
 * store property for the time of the test) names one host only, a name every lookup here resolves to that address.
 */
class OutboundHttpsTest {

    /** A name with a dot: the JDK sends no server name indication for one without ({@code localhost}). */
    private static final String HOST = "hooks.partner.test";
    private static final String PASSWORD = "changeit-for-this-test";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    static Path keys;

    private static Vertx vertx;
    private static HttpServer server;
    private static String previousTrustStore;
    private static String previousTrustStorePassword;
    /** Set once this test replaced the JVM's trust store, which only then is given back. */
    private static boolean trustStoreSet;
    private static final List<String> namesIndicated = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startATlsServerWhoseCertificateNamesOneHost() throws Exception {
        Path serverKeys = keys.resolve("server.p12");
        Path certificate = keys.resolve("server.crt");
        Path trusted = keys.resolve("trusted.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + HOST,
                "-ext", "SAN=dns:" + HOST, "-validity", "2", "-keystore", serverKeys.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", serverKeys.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-keystore", trusted.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        previousTrustStore = System.setProperty("javax.net.ssl.trustStore", trusted.toString());
        previousTrustStorePassword = System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        trustStoreSet = true;

        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
                        .setKeyCertOptions(new PfxOptions().setPath(serverKeys.toString()).setPassword(PASSWORD)))
                .requestHandler(request -> {
                    namesIndicated.add(String.valueOf(request.connection().indicatedServerName()));
                    request.response().setStatusCode(204).end();
                });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (trustStoreSet) {
            restore("javax.net.ssl.trustStore", previousTrustStore);
            restore("javax.net.ssl.trustStorePassword", previousTrustStorePassword);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void aNameTheCertificateCarriesIsAnsweredAndSentAsServerNameIndication() {
        namesIndicated.clear();
        OutboundResult result = post("https://" + HOST + ":" + server.actualPort() + "/hook");
        assertEquals(OutboundResult.Outcome.ANSWERED, result.outcome(), result.detail());
        assertEquals(204, result.status());
        assertEquals(List.of(HOST), namesIndicated);
    }

    @Test
    void aNameThatResolvesToTheServerButIsNotOnItsCertificateIsNotSentTo() {
        namesIndicated.clear();
        OutboundResult result = post("https://other.partner.test:" + server.actualPort() + "/hook");
        assertEquals(OutboundResult.Outcome.UNREACHABLE, result.outcome(), result.detail());
        assertTrue(refusedForItsCertificate(result), result.detail());
        assertTrue(namesIndicated.isEmpty(), "the request reached a server whose certificate does not name the host: " + namesIndicated);
    }

    @Test
    void theServersAddressIsNotANameItsCertificateCarries() {
        namesIndicated.clear();
        OutboundResult result = post("https://127.0.0.1:" + server.actualPort() + "/hook");
        assertEquals(OutboundResult.Outcome.UNREACHABLE, result.outcome(), result.detail());
        assertTrue(refusedForItsCertificate(result), result.detail());
        assertTrue(namesIndicated.isEmpty(), namesIndicated.toString());
    }

    /** Every name resolves to the server's address, as a partner's DNS would point at its own host. */
    private static OutboundResult post(String url) {
        HostResolver everyNameIsTheServer = host -> List.of(InetAddress.getByName("127.0.0.1"));
        try (OutboundHttp http = new OutboundHttp(vertx,
                new OutboundSettings(AddressPolicy.allowing(List.of("127.0.0.0/8")), false, TIMEOUT, 100, 2), everyNameIsTheServer)) {
            return http.post("t", url, Map.of("content-type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8))
                    .toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    /** The detail a delivery log shows names the certificate's mismatch, not only a failed handshake. */
    private static boolean refusedForItsCertificate(OutboundResult result) {
        return result.detail().startsWith("SSLHandshakeException") && result.detail().contains("CertificateException: No subject alternative");
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(keys, "keytool", ".log");
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            keytool.destroyForcibly();
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + Files.readString(log));
        }
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
