package id.atensi.local.launcher;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One of the platform's applications, run from its packaged {@code <name>/target/quarkus-app/quarkus-run.jar}.
 * {@link #ALL} is the one list of them: {@code ./atensi}, the system tests' platform and the benchmarks start what it
 * names, so a new service is one entry here (plus its route in the gateway's configuration).
 *
 * @param name        the process' name and the application's Maven module directory
 * @param defaultPort its HTTP port unless {@link #portVariable()} says otherwise
 * @param database    its database on the platform's PostgreSQL; null for one without (the gateway)
 * @param extra       settings only this application needs
 */
public record App(String name, int defaultPort, String database, Extra extra) {

    /** Settings of one application beyond those every service gets. */
    @FunctionalInterface
    public interface Extra {
        Extra NONE = (backing, addresses) -> Map.of();

        /**
         * @param addresses every application's own address by name ({@code http://127.0.0.1:<port>}), for one that
         *                  calls another
         */
        Map<String, String> environment(Backing backing, Map<String, String> addresses);
    }

    public static final App GATEWAY = new App("gateway", 8080, null, Extra.NONE);

    /** The services, in the order they start and appear, then the gateway, which routes to every one of them. */
    public static final List<App> ALL = List.of(
            // beneficiary-service encrypts NIK and KK numbers and hashes them for lookup, its export of a person's data
            // (the right of access) asks the training and aid services for their part, and its registry API forwards
            // token requests to Keycloak.
            new App("beneficiary-service", 8081, "beneficiary", (backing, addresses) -> {
                Map<String, String> environment = new LinkedHashMap<>(backing.personalDataKeys());
                addIfKnown(environment, "ATENSI_BENEFICIARY_DATA_HOLDERS_TRAINING_URL", addresses.get("training-service"));
                addIfKnown(environment, "ATENSI_BENEFICIARY_DATA_HOLDERS_AID_URL", addresses.get("aid-service"));
                // The SPDCI token path (POST /oauth2/client/token) is forwarded to the realm's token endpoint.
                environment.put("ATENSI_BENEFICIARY_REGISTRY_TOKEN_ENDPOINT", backing.issuer() + "/protocol/openid-connect/token");
                return environment;
            }),
            // partner-service manages partners' API clients through Keycloak's admin API with a client of its own.
            new App("partner-service", 8082, "partner", (backing, addresses) -> Map.of(
                    "ATENSI_PARTNER_KEYCLOAK_URL", backing.keycloakUrl(),
                    "ATENSI_PARTNER_KEYCLOAK_CLIENT_SECRET", backing.partnerServiceSecret())),
            new App("training-service", 8083, "training", Extra.NONE),
            new App("aid-service", 8084, "aid", Extra.NONE),
            // webhook-service delivers to partners' receivers; on one machine those run on it too, over plain HTTP. It
            // encrypts their signing secrets at rest, with keys derived from the personal-data keys (below).
            new App("webhook-service", 8085, "webhook", (backing, addresses) -> {
                Map<String, String> environment = new LinkedHashMap<>(webhookSecretKeys(backing.personalDataKeys()));
                environment.put("ATENSI_WEBHOOK_OUTBOUND_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128");
                environment.put("ATENSI_WEBHOOK_OUTBOUND_ALLOW_PLAIN_HTTP", "true");
                return environment;
            }),
            GATEWAY);

    private static final String PII_KEYS = "ATENSI_BENEFICIARY_PII_KEYS_";

    /**
     * webhook-service's keys for signing secrets at rest: one per personal-data key, under the same id, each the
     * HMAC-SHA256 of a label of its own under that key (a key of its own, not the same one). So they are made, kept
     * and wiped ({@code --reset}) with the personal-data keys, without a file or a {@link Backing} method of their
     * own. None when the environment names the keys itself (the service reads its own there).
     */
    private static Map<String, String> webhookSecretKeys(Map<String, String> personalDataKeys) {
        Map<String, String> environment = new LinkedHashMap<>();
        String active = personalDataKeys.get("ATENSI_BENEFICIARY_PII_ACTIVE_KEY_ID");
        if (active == null || System.getenv("ATENSI_WEBHOOK_SECRETS_ACTIVE_KEY_ID") != null) {
            return environment;
        }
        personalDataKeys.forEach((variable, key) -> {
            if (variable.startsWith(PII_KEYS)) {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(Base64.getDecoder().decode(key.strip()), "HmacSHA256"));
                    byte[] derived = mac.doFinal("atensi.webhook.secrets".getBytes(StandardCharsets.UTF_8));
                    environment.put("ATENSI_WEBHOOK_SECRETS_KEYS_" + variable.substring(PII_KEYS.length()),
                            Base64.getEncoder().encodeToString(derived));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HMAC-SHA256 is not available", e);
                }
            }
        });
        environment.put("ATENSI_WEBHOOK_SECRETS_ACTIVE_KEY_ID", active);
        return environment;
    }

    private static void addIfKnown(Map<String, String> environment, String variable, String value) {
        if (value != null) {
            environment.put(variable, value);
        }
    }

    public static List<App> services() {
        return ALL.stream().filter(app -> app != GATEWAY).toList();
    }

    public static App named(String name) {
        return ALL.stream().filter(app -> app.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is none of: " + String.join(" ", names())));
    }

    public static List<String> names() {
        return ALL.stream().map(App::name).toList();
    }

    /** {@code beneficiary} for beneficiary-service: the word in its port variable and in the gateway's route settings. */
    public String key() {
        return name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
    }

    public String portVariable() {
        return "ATENSI_" + key().toUpperCase(Locale.ROOT) + "_PORT";
    }

    public Path jar(Path root) {
        return root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The application as its pid record knows it: enough to tell whether it runs and to stop it. */
    public Spec recorded(Path root) {
        return Spec.recordedOnly(name, name, jar(root).toString(), Readiness.running(""), Spec.Signal.TERM);
    }

    /**
     * How to run it.
     *
     * @param ports every application's port by name: the gateway routes to the services'
     */
    public Spec spec(Path root, Map<String, Integer> ports, Backing backing, List<String> javaOptions, Path logDirectory) {
        int port = ports.get(name);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", backing.jwksUrl());
        environment.put("MP_JWT_VERIFY_ISSUER", backing.issuer());
        // The jars run in the prod profile, whose JSON log lines are for a cluster's log pipeline; people read these.
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        if (this == GATEWAY) {
            for (App service : services()) {
                Integer servicePort = ports.get(service.name);
                if (servicePort != null) {
                    environment.put("ATENSI_GATEWAY_SERVICES_" + service.key().toUpperCase(Locale.ROOT) + "_URL",
                            "http://127.0.0.1:" + servicePort);
                }
            }
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        ports.forEach((app, appPort) -> addresses.put(app, "http://127.0.0.1:" + appPort));
        environment.putAll(extra.environment(backing, addresses));
        if (database != null) {
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", backing.jdbcUrl(database));
            environment.put("QUARKUS_DATASOURCE_USERNAME", backing.databaseUser());
            environment.put("QUARKUS_DATASOURCE_PASSWORD", backing.databasePassword());
            environment.put("KAFKA_BOOTSTRAP_SERVERS", backing.kafkaServers());
        }
        String jar = jar(root).toString();
        List<String> command = new ArrayList<>();
        command.add(Spec.java());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar));
        return new Spec(name, name, command, environment, logDirectory.resolve(name + ".log"),
                Readiness.http("http://127.0.0.1:" + port + "/q/health/ready", "http://localhost:" + port),
                jar, List.of(new Spec.PortUse(port, portVariable())), Spec.Signal.TERM);
    }
}
