package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Keycloak in Kubernetes (the Keycloak Operator's {@code Keycloak} and {@code KeycloakRealmImport} on a CloudNativePG
 * cluster) and in Compose: the realm imported is the repository's one definition, deploy/keycloak/atensi-realm.json,
 * and every app verifies tokens against that realm's issuer and keys. No JWT key file is left anywhere.
 */
class KeycloakTest {
    static final List<String> TARGETS = Kustomize.TARGETS;
    static final String REALM_FILE = "deploy/keycloak/atensi-realm.json";
    /** The realm's placeholders; lower-case ones (the user profile's ${username}…) are Keycloak's own message keys. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    static final String CLIENT_SECRET_PLACEHOLDER = "ATENSI_KEYCLOAK_PARTNER_SERVICE_SECRET";

    private static String realmText() throws Exception {
        return Files.readString(Repo.root().resolve(REALM_FILE));
    }

    private static JsonNode realm() throws Exception {
        return new ObjectMapper().readTree(realmText());
    }

    private static Set<String> placeholders() throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(realmText());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static ObjectNode only(List<ObjectNode> objects, String kind) {
        List<ObjectNode> all = Objects.ofKind(objects, kind);
        assertEquals(1, all.size(), "exactly one " + kind);
        return all.get(0);
    }

    private static String keycloakVersion() {
        String version = System.getProperty("keycloak.version");
        assertTrue(version != null && version.matches("\\d+\\.\\d+\\.\\d+"), "surefire passes the parent pom's keycloak.version");
        return version;
    }

    /** Where apps inside the cluster reach Keycloak: the Service the operator names after the Keycloak object. */
    private static String inClusterUrl(ObjectNode keycloak) {
        return "http://" + keycloak.path("metadata").path("name").asText() + "-service:"
                + keycloak.path("spec").path("http").path("httpPort").asInt(8080);
    }

    private static String issuer(String publicUrl) throws Exception {
        return publicUrl + "/realms/" + realm().path("realm").asText();
    }

    private static String jwks(String baseUrl) throws Exception {
        return baseUrl + "/realms/" + realm().path("realm").asText() + "/protocol/openid-connect/certs";
    }

    private static void check(List<String> problems, boolean ok, String what) {
        if (!ok) {
            problems.add(what);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void keycloakAndItsRealmImportMatchTheirMinimalSchemas(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        ObjectNode keycloak = only(objects, "Keycloak");
        ObjectNode realmImport = only(objects, "KeycloakRealmImport");
        List<String> problems = new ArrayList<>();
        for (ObjectNode o : List.of(keycloak, realmImport)) {
            KeycloakOperator.BY_KIND.get(o.path("kind").asText()).validate(o).forEach(p -> problems.add(Objects.id(o) + ": " + p));
        }
        check(problems, realmImport.path("spec").path("keycloakCRName").equals(keycloak.path("metadata").path("name")),
                "the realm import names the Keycloak object " + keycloak.path("metadata").path("name"));
        assertEquals(List.of(), problems);
    }

    @Test
    void theMinimalSchemasRejectAMisspeltFieldAndALiteralPlaceholder() {
        List<ObjectNode> objects = Kustomize.render("base");
        ObjectNode keycloak = only(objects, "Keycloak").deepCopy();
        ((ObjectNode) keycloak.path("spec").path("hostname")).put("backchannelDynamc", true);
        List<String> problems = KeycloakOperator.KEYCLOAK.validate(keycloak);
        assertTrue(problems.size() == 1 && problems.get(0).startsWith("spec.hostname.backchannelDynamc:"), problems.toString());
        ObjectNode realmImport = only(objects, "KeycloakRealmImport").deepCopy();
        ((ObjectNode) realmImport.path("spec").path("placeholders").path(CLIENT_SECRET_PLACEHOLDER)).put("value", "s3cr3t");
        problems = KeycloakOperator.REALM_IMPORT.validate(realmImport);
        assertTrue(problems.size() == 1 && problems.get(0).startsWith("spec.placeholders.*.value:"), problems.toString());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void theRealmImportCarriesTheRepositorysRealmDefinitionUnchanged(String target) throws Exception {
        JsonNode imported = only(Kustomize.render(target), "KeycloakRealmImport").path("spec").path("realm");
        assertEquals(realm(), imported, target + ": spec.realm of deploy/k8s/base/keycloak/realm-import.yaml differs from " + REALM_FILE
                + "; copy the realm in with the command in realm-import.yaml's header comment");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyPlaceholderOfTheRealmIsFilledFromASecretAndTheClientSecretIsNeverInTheManifests(String target) throws Exception {
        List<ObjectNode> objects = Kustomize.render(target);
        JsonNode filled = only(objects, "KeycloakRealmImport").path("spec").path("placeholders");
        Set<String> names = new TreeSet<>();
        filled.fieldNames().forEachRemaining(names::add);
        assertEquals(placeholders(), names, "spec.placeholders fills exactly the realm's ${...} placeholders");
        List<String> problems = new ArrayList<>();
        filled.fields().forEachRemaining(e -> {
            JsonNode ref = e.getValue().path("secret");
            ObjectNode secret = Objects.named(objects, "Secret", ref.path("name").asText()).orElse(null);
            if (e.getKey().equals(CLIENT_SECRET_PLACEHOLDER)) {
                check(problems, secret == null, e.getKey() + ": Secret " + ref.path("name") + " is created by hand, never in the manifests");
            } else {
                check(problems, secret != null && secret.path("data").has(ref.path("key").asText()),
                        e.getKey() + ": the manifests' Secret " + ref.path("name") + " has no key " + ref.path("key"));
            }
        });
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void keycloakStoresItsDataInItsOwnCloudNativePgCluster(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        JsonNode db = only(objects, "Keycloak").path("spec").path("db");
        String host = db.path("host").asText();
        List<String> problems = new ArrayList<>();
        String clusterName = host.endsWith("-rw") ? host.substring(0, host.length() - 3) : "";
        ObjectNode cluster = Objects.named(objects, "Cluster", clusterName).orElse(null);
        check(problems, cluster != null, "db.host " + host + " is the -rw Service (the primary) of a CloudNativePG Cluster");
        if (cluster != null) {
            JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
            check(problems, initdb.path("database").equals(db.path("database")), "db.database is the cluster's database " + initdb.path("database"));
            check(problems, db.path("port").asInt(5432) == 5432, "db.port 5432");
            for (String field : List.of("usernameSecret", "passwordSecret")) {
                check(problems, db.path(field).path("name").asText().equals(clusterName + "-app")
                        && db.path(field).path("key").asText().equals(field.replace("Secret", "")),
                        "db." + field + " from CloudNativePG's Secret " + clusterName + "-app");
            }
            for (String service : Objects.SERVICES) {
                check(problems, !clusterName.equals("atensi-pg-" + service), "Keycloak does not share " + service + "'s database");
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void keycloakRunsTheLaunchersVersionWithHealthMetricsResourcesAndAFixedPublicHostname(String target) {
        ObjectNode keycloak = only(Kustomize.render(target), "Keycloak");
        JsonNode spec = keycloak.path("spec");
        List<String> problems = new ArrayList<>();
        check(problems, spec.path("image").asText().equals("quay.io/keycloak/keycloak:" + keycloakVersion()),
                "image quay.io/keycloak/keycloak:" + keycloakVersion() + " (the parent pom's keycloak.version), got " + spec.path("image"));
        for (String option : List.of("health-enabled", "metrics-enabled")) {
            boolean on = false;
            for (JsonNode o : spec.path("additionalOptions")) {
                on |= o.path("name").asText().equals(option) && o.path("value").asText().equals("true");
            }
            check(problems, on, "additionalOptions " + option + "=true");
        }
        JsonNode resources = spec.path("resources");
        check(problems, resources.path("requests").has("cpu") && resources.path("requests").has("memory") && resources.path("limits").has("memory"),
                "cpu and memory requests and a memory limit");
        check(problems, spec.path("instances").asInt() >= 1, "instances >= 1");
        check(problems, spec.path("http").path("httpEnabled").asBoolean() && spec.path("proxy").has("headers"),
                "HTTP inside the cluster, behind a proxy whose headers it reads (TLS ends at the ingress)");
        check(problems, !spec.path("ingress").path("enabled").asBoolean(true), "no operator-made Ingress (overlays/prod has its own, without /admin/)");
        String hostname = spec.path("hostname").path("hostname").asText();
        check(problems, hostname.matches("https?://[a-z0-9.-]+(:\\d+)?"), "hostname a full URL without a path (the issuer's base), got " + hostname);
        check(problems, spec.path("hostname").path("backchannelDynamic").asBoolean(),
                "hostname.backchannelDynamic: apps in the cluster use the Service's URL for JWKS, tokens and the admin API");
        check(problems, !spec.path("hostname").has("strict") || spec.path("hostname").path("strict").asBoolean(),
                "hostname.strict not turned off: the issuer never follows a request's Host header");
        assertEquals(List.of(), problems, Objects.id(keycloak));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void everyAppVerifiesTokensAgainstTheRealmsPublicIssuerAndItsInClusterJwksAndNoKeyFileIsLeft(String target) throws Exception {
        List<ObjectNode> objects = Kustomize.render(target);
        ObjectNode keycloak = only(objects, "Keycloak");
        String issuer = issuer(keycloak.path("spec").path("hostname").path("hostname").asText());
        String jwks = jwks(inClusterUrl(keycloak));
        List<String> problems = new ArrayList<>();
        for (String app : Objects.APPS) {
            JsonNode data = Objects.named(objects, "ConfigMap", app + "-config").orElseThrow().path("data");
            check(problems, data.path("MP_JWT_VERIFY_ISSUER").asText().equals(issuer),
                    app + ": MP_JWT_VERIFY_ISSUER " + data.path("MP_JWT_VERIFY_ISSUER") + ", Keycloak's tokens name " + issuer);
            check(problems, data.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText().equals(jwks),
                    app + ": MP_JWT_VERIFY_PUBLICKEY_LOCATION " + data.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION") + ", the realm's JWKS is " + jwks);
        }
        for (ObjectNode o : objects) {
            String text = o.toString();
            check(problems, !text.contains(".pem") && !text.contains("atensi-jwt-public-key"), Objects.id(o) + ": a JWT key file or its Secret");
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void partnerServiceReachesKeycloaksAdminApiInTheClusterWithTheSecretTheRealmImportUses(String target) {
        List<ObjectNode> objects = Kustomize.render(target);
        ObjectNode keycloak = only(objects, "Keycloak");
        JsonNode placeholder = only(objects, "KeycloakRealmImport").path("spec").path("placeholders").path(CLIENT_SECRET_PLACEHOLDER).path("secret");
        JsonNode data = Objects.named(objects, "ConfigMap", "partner-service-config").orElseThrow().path("data");
        List<String> problems = new ArrayList<>();
        check(problems, data.path("ATENSI_PARTNER_KEYCLOAK_URL").asText().equals(inClusterUrl(keycloak)),
                "partner-service: ATENSI_PARTNER_KEYCLOAK_URL " + inClusterUrl(keycloak) + ", got " + data.path("ATENSI_PARTNER_KEYCLOAK_URL"));
        JsonNode ref = null;
        for (JsonNode env : Objects.named(objects, "Deployment", "partner-service").orElseThrow()
                .path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
            if (env.path("name").asText().equals("ATENSI_PARTNER_KEYCLOAK_CLIENT_SECRET")) {
                ref = env.path("valueFrom").path("secretKeyRef");
            }
        }
        check(problems, ref != null && ref.path("name").equals(placeholder.path("name")) && ref.path("key").equals(placeholder.path("key"))
                && !ref.path("optional").asBoolean(false),
                "partner-service: ATENSI_PARTNER_KEYCLOAK_CLIENT_SECRET from the realm import's Secret " + placeholder + ", got " + ref);
        assertEquals(List.of(), problems);
    }

    @Test
    void prodExposesOnlyKeycloaksPublicEndpointsAtItsHostnameAndTheConsoleMayCallTheGateway() throws Exception {
        List<ObjectNode> objects = Kustomize.render("overlays/prod");
        ObjectNode keycloak = only(objects, "Keycloak");
        URI hostname = URI.create(keycloak.path("spec").path("hostname").path("hostname").asText());
        String service = keycloak.path("metadata").path("name").asText() + "-service";
        List<String> problems = new ArrayList<>();
        check(problems, hostname.getScheme().equals("https"), "prod: Keycloak's public URL is https");
        Set<String> paths = new TreeSet<>();
        String gatewayHost = null;
        for (ObjectNode ingress : Objects.ofKind(objects, "Ingress")) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String backend = path.path("backend").path("service").path("name").asText();
                    if (backend.equals(service)) {
                        check(problems, rule.path("host").asText().equals(hostname.getHost()), Objects.id(ingress) + ": Keycloak served at " + hostname.getHost());
                        check(problems, ingress.path("spec").path("tls").toString().contains("\"" + hostname.getHost() + "\""), Objects.id(ingress) + ": TLS for " + hostname.getHost());
                        paths.add(path.path("path").asText());
                    } else if (backend.equals("gateway")) {
                        gatewayHost = rule.path("host").asText();
                    }
                }
            }
        }
        assertEquals(Set.of("/realms/", "/resources/"), paths, "Keycloak's public paths (never /admin/)");
        ObjectNode uris = Objects.named(objects, "Secret", "atensi-keycloak-redirect-uris").orElseThrow();
        URI console = URI.create(new String(Base64.getDecoder().decode(uris.path("data").path("console-redirect-uri").asText()),
                StandardCharsets.UTF_8).replace("*", ""));
        String origin = console.getScheme() + "://" + console.getHost();
        String cors = Objects.named(objects, "ConfigMap", "gateway-config").orElseThrow().path("data").path("ATENSI_CORS_ORIGINS").asText();
        check(problems, console.getHost().equals(gatewayHost) || List.of(cors.split(",")).contains(origin),
                "the console's origin " + origin + " is the gateway's host " + gatewayHost + " or in the gateway's ATENSI_CORS_ORIGINS");
        assertEquals(List.of(), problems);
    }

    @Test
    void composeRunsKeycloakOnTheRealmFileAndEveryAppVerifiesAgainstItsIssuerAndJwks() throws Exception {
        Path compose = Repo.root().resolve("deploy/compose");
        JsonNode services = Yaml.YAML.readTree(compose.resolve("docker-compose.yml").toFile()).path("services");
        JsonNode keycloak = services.path("keycloak");
        JsonNode env = keycloak.path("environment");
        List<String> problems = new ArrayList<>();
        check(problems, keycloak.path("image").asText().equals("quay.io/keycloak/keycloak:" + keycloakVersion()),
                "keycloak: image quay.io/keycloak/keycloak:" + keycloakVersion());
        check(problems, keycloak.path("command").toString().equals("[\"start\",\"--import-realm\"]"), "keycloak: command start --import-realm");
        boolean mounted = false;
        for (JsonNode volume : keycloak.path("volumes")) {
            String[] parts = volume.asText().split(":");
            mounted |= parts.length >= 2 && compose.resolve(parts[0]).normalize().equals(Repo.root().resolve(REALM_FILE))
                    && parts[1].startsWith("/opt/keycloak/data/import/");
        }
        check(problems, mounted, "keycloak: " + REALM_FILE + " mounted into /opt/keycloak/data/import/");
        for (String placeholder : placeholders()) {
            check(problems, env.has(placeholder), "keycloak: the realm's placeholder " + placeholder + " in its environment");
        }
        check(problems, env.path("KC_DB").asText().equals("postgres") && env.path("KC_DB_URL").asText().equals("jdbc:postgresql://postgres:5432/keycloak"),
                "keycloak: its database keycloak in the compose PostgreSQL");
        check(problems, env.path("KC_HEALTH_ENABLED").asText().equals("true") && env.path("KC_METRICS_ENABLED").asText().equals("true"),
                "keycloak: health and metrics enabled");
        check(problems, env.path("KC_HOSTNAME_BACKCHANNEL_DYNAMIC").asText().equals("true"), "keycloak: back-channel URLs resolved from the request");
        String hostname = env.path("KC_HOSTNAME").asText();
        Matcher defaulted = Pattern.compile("\\$\\{[A-Z_]+:-(http://[a-z0-9.-]+:(\\d+))}").matcher(hostname);
        check(problems, defaulted.matches(), "keycloak: KC_HOSTNAME ${VARIABLE:-http://host:port}, got " + hostname);
        String port = env.path("KC_HTTP_PORT").asText();
        if (defaulted.matches()) {
            check(problems, keycloak.path("ports").toString().contains("\"" + defaulted.group(2) + ":" + port + "\""),
                    "keycloak: port " + port + " published where KC_HOSTNAME's default says (" + defaulted.group(2) + ")");
        }
        for (String app : Objects.APPS) {
            JsonNode appEnv = services.path(app).path("environment");
            check(problems, appEnv.path("MP_JWT_VERIFY_ISSUER").asText().equals(issuer(hostname)),
                    app + ": MP_JWT_VERIFY_ISSUER " + issuer(hostname) + " (KC_HOSTNAME's), got " + appEnv.path("MP_JWT_VERIFY_ISSUER"));
            check(problems, appEnv.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText().equals(jwks("http://keycloak:" + port)),
                    app + ": MP_JWT_VERIFY_PUBLICKEY_LOCATION " + jwks("http://keycloak:" + port));
            check(problems, services.path(app).path("depends_on").has("keycloak"), app + ": waits for keycloak");
            check(problems, !services.path(app).toString().contains(".pem"), app + ": no JWT key file");
        }
        JsonNode partner = services.path("partner-service").path("environment");
        check(problems, partner.path("ATENSI_PARTNER_KEYCLOAK_URL").asText().equals("http://keycloak:" + port), "partner-service: ATENSI_PARTNER_KEYCLOAK_URL");
        check(problems, partner.path("ATENSI_PARTNER_KEYCLOAK_CLIENT_SECRET").equals(env.path(CLIENT_SECRET_PLACEHOLDER)),
                "partner-service: ATENSI_PARTNER_KEYCLOAK_CLIENT_SECRET is the value the realm import gets");
        assertEquals(List.of(), problems);
    }
}
