package id.atensi.deploy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The minimal schemas of the Keycloak Operator's objects deploy/k8s uses (see {@link MinimalSchema}), written from the
 * operator's CRDs ({@code keycloaks.k8s.keycloak.org}, {@code keycloakrealmimports.k8s.keycloak.org}): the operator
 * publishes no Java model on Maven Central. The realm itself is compared with deploy/keycloak/atensi-realm.json by
 * {@link KeycloakTest}, not walked here.
 */
final class KeycloakOperator {
    static final String API_VERSION = "k8s.keycloak.org/v2alpha1";

    private static final Map<String, String> METADATA = Map.of("apiVersion", "string", "kind", "string", "metadata", "object",
            "metadata.name", "string", "metadata.labels", "map", "spec", "object");

    private static final Map<String, String> SECRET_REF = Map.of("", "object", ".name", "string", ".key", "string", ".optional", "bool");

    static final MinimalSchema KEYCLOAK = new MinimalSchema(API_VERSION, "Keycloak", with(Map.ofEntries(
            Map.entry("spec.instances", "int"), Map.entry("spec.image", "string"), Map.entry("spec.startOptimized", "bool"),
            Map.entry("spec.db", "object"), Map.entry("spec.db.vendor", "enum:postgres"), Map.entry("spec.db.host", "string"),
            Map.entry("spec.db.port", "int"), Map.entry("spec.db.database", "string"), Map.entry("spec.db.schema", "string"),
            Map.entry("spec.db.poolMinSize", "int"), Map.entry("spec.db.poolInitialSize", "int"), Map.entry("spec.db.poolMaxSize", "int"),
            Map.entry("spec.http", "object"), Map.entry("spec.http.httpEnabled", "bool"), Map.entry("spec.http.httpPort", "int"),
            Map.entry("spec.http.httpsPort", "int"), Map.entry("spec.http.tlsSecret", "string"),
            Map.entry("spec.httpManagement", "object"), Map.entry("spec.httpManagement.port", "int"),
            Map.entry("spec.proxy", "object"), Map.entry("spec.proxy.headers", "enum:forwarded|xforwarded"),
            Map.entry("spec.hostname", "object"), Map.entry("spec.hostname.hostname", "string"), Map.entry("spec.hostname.admin", "string"),
            Map.entry("spec.hostname.strict", "bool"), Map.entry("spec.hostname.backchannelDynamic", "bool"),
            Map.entry("spec.ingress", "object"), Map.entry("spec.ingress.enabled", "bool"), Map.entry("spec.ingress.className", "string"),
            Map.entry("spec.additionalOptions", "list"), Map.entry("spec.additionalOptions[].name", "string"),
            Map.entry("spec.additionalOptions[].value", "string"),
            Map.entry("spec.features", "object"), Map.entry("spec.features.enabled", "strings"), Map.entry("spec.features.disabled", "strings"),
            Map.entry("spec.resources", "object"), Map.entry("spec.resources.requests", "object"), Map.entry("spec.resources.limits", "object"),
            Map.entry("spec.resources.requests.cpu", "quantity"), Map.entry("spec.resources.requests.memory", "quantity"),
            Map.entry("spec.resources.limits.cpu", "quantity"), Map.entry("spec.resources.limits.memory", "quantity")),
            secretRef("spec.db.usernameSecret"), secretRef("spec.db.passwordSecret")),
            Set.of("metadata.name", "spec.instances", "spec.db.vendor", "spec.db.host", "spec.db.database",
                    "spec.db.usernameSecret.name", "spec.db.usernameSecret.key", "spec.db.passwordSecret.name", "spec.db.passwordSecret.key",
                    "spec.hostname.hostname"));

    static final MinimalSchema REALM_IMPORT = new MinimalSchema(API_VERSION, "KeycloakRealmImport", with(Map.of(
            "spec.keycloakCRName", "string", "spec.realm", "document", "spec.placeholders", "dict"),
            secretRef("spec.placeholders.*.secret")),
            Set.of("metadata.name", "spec.keycloakCRName", "spec.realm"));

    static final Map<String, MinimalSchema> BY_KIND = Map.of("Keycloak", KEYCLOAK, "KeycloakRealmImport", REALM_IMPORT);

    private KeycloakOperator() {
    }

    private static Map<String, String> secretRef(String path) {
        Map<String, String> fields = new HashMap<>();
        SECRET_REF.forEach((suffix, type) -> fields.put(path + suffix, type));
        return fields;
    }

    @SafeVarargs
    private static Map<String, String> with(Map<String, String>... specs) {
        Map<String, String> all = new HashMap<>(METADATA);
        for (Map<String, String> spec : specs) {
            all.putAll(spec);
        }
        return Map.copyOf(all);
    }
}
