package id.atensi.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Merges the services' OpenAPI 3.0 documents into the one public document: their {@code /api/} paths,
 * tags and components, the gateway's two security schemes (a bearer token, or a login at the identity provider
 * by authorization code with PKCE, which Swagger UI's "Authorize" offers), either one required everywhere, and
 * the gateway itself as the server.
 * <p>
 * The merged document describes exactly what each service accepts and returns, so nothing a service
 * publishes is dropped or overwritten. A component defined identically by several services is kept once
 * under its name. A name under which services define different things is given up: each distinct definition
 * is kept under the name prefixed by the services that define it ({@code PartnerAtensiService},
 * {@code AidBeneficiaryCluster}), and those services' references are rewritten to it. Renaming one component
 * can make others differ that referred to it under the same name; the merge repeats until nothing does.
 * A path goes to the document of the service the gateway routes it to: the {@code /api/} paths and the others the
 * gateway routes, such as the SPDCI registry paths. A service's {@code /api/} path the gateway routes elsewhere, or
 * nowhere, is left out with a warning, since no request for it reaches that service; its other paths the gateway does
 * not route ({@code /q/health} and such) stay the service's own. An operation the gateway lets through without a token
 * says so with an empty security requirement.
 */
public final class OpenApiMerger {

    private static final Logger LOG = Logger.getLogger(OpenApiMerger.class);

    public static final String TITLE = "ATENSI platform API";
    public static final String SECURITY_SCHEME = "bearerAuth";
    public static final String OAUTH2_SCHEME = "oauth2";
    public static final String MISSING_SERVICES = "x-atensi-missing-services";
    private static final String API_PATHS = "/api/";
    private static final String COMPONENTS_REF = "#/components/";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One service's document, as that service serves it. */
    public record ServiceDocument(String service, JsonNode document) {
    }

    /** The parts of one service's document that are merged, copied so that renaming can rewrite them. */
    private record Parts(String service, ObjectNode paths, ObjectNode components, Map<String, String> originalNames) {

        ObjectNode section(String name) {
            JsonNode section = components.get(name);
            return section instanceof ObjectNode object ? object : null;
        }
    }

    /** Where browsers log in and exchange the code for a token: the identity provider's realm endpoints. */
    public record LoginEndpoints(String authorizationUrl, String tokenUrl) {

        /** The endpoints of a Keycloak realm, from its issuer URL. */
        public static LoginEndpoints ofKeycloakRealm(URI issuer) {
            String realm = issuer.toString().replaceAll("/+$", "");
            return new LoginEndpoints(realm + "/protocol/openid-connect/auth", realm + "/protocol/openid-connect/token");
        }
    }

    private final ObjectMapper json;
    private final String version;
    private final LoginEndpoints login;
    private final Predicate<String> openToAnyone;

    /** A merger for a gateway that requires a token on every path it routes. */
    public OpenApiMerger(ObjectMapper json, String version, LoginEndpoints login) {
        this(json, version, login, path -> false);
    }

    /** A merger for a gateway that lets requests for the paths {@code openToAnyone} accepts through without a token. */
    public OpenApiMerger(ObjectMapper json, String version, LoginEndpoints login, Predicate<String> openToAnyone) {
        this.json = json;
        this.version = version;
        this.login = login;
        this.openToAnyone = openToAnyone;
    }

    /**
     * The merged document.
     *
     * @param documents       the documents fetched, in service-name order
     * @param missingServices the services whose document could not be had
     * @param routedTo        the service the gateway routes a path to, or null for a path no service serves
     */
    public ObjectNode merge(List<ServiceDocument> documents, List<String> missingServices, Function<String, String> routedTo) {
        List<Parts> parts = new ArrayList<>();
        for (ServiceDocument document : documents) {
            parts.add(partsOf(document, routedTo));
        }
        keepDifferentDefinitionsApart(parts);

        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.0.3");
        ObjectNode info = merged.putObject("info");
        info.put("title", TITLE);
        info.put("version", version);
        info.put("description", "All public operations of the ATENSI services, reached through the gateway. "
                + "Every operation needs a bearer JWT from the platform's identity provider: log in with Authorize (oauth2), "
                + "or paste a token (bearerAuth).");
        merged.putArray("servers").addObject().put("url", "/");
        ArrayNode security = merged.putArray("security");
        security.addObject().putArray(SECURITY_SCHEME);
        security.addObject().putArray(OAUTH2_SCHEME);
        ArrayNode tags = merged.putArray("tags");
        Set<String> tagNames = new HashSet<>();
        for (ServiceDocument document : documents) {
            mergeTags(document, tags, tagNames);
        }
        // Sorted, so that the document is the same whichever order the services list their paths in.
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, Map<String, JsonNode>> components = new TreeMap<>();
        for (Parts service : parts) {
            service.paths().properties().forEach(path -> paths.put(path.getKey(), path.getValue()));
            for (Map.Entry<String, JsonNode> section : service.components().properties()) {
                Map<String, JsonNode> merging = components.computeIfAbsent(section.getKey(), key -> new TreeMap<>());
                // After keepDifferentDefinitionsApart, a name taken twice is taken by the same definition.
                section.getValue().properties().forEach(entry -> merging.putIfAbsent(entry.getKey(), entry.getValue()));
            }
        }
        ObjectNode mergedPaths = merged.putObject("paths");
        paths.forEach(mergedPaths::set);
        ObjectNode mergedComponents = merged.putObject("components");
        components.forEach((section, entries) -> {
            ObjectNode mergedSection = mergedComponents.putObject(section);
            entries.forEach(mergedSection::set);
        });
        ObjectNode schemes = mergedComponents.putObject("securitySchemes");
        schemes.putObject(SECURITY_SCHEME)
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "RS256 access token; roles in the groups claim");
        ObjectNode authorizationCode = schemes.putObject(OAUTH2_SCHEME)
                .put("type", "oauth2")
                .put("description", "Log in at the platform's identity provider (authorization code with PKCE, public client atensi-console)")
                .putObject("flows").putObject("authorizationCode");
        authorizationCode.put("authorizationUrl", login.authorizationUrl());
        authorizationCode.put("tokenUrl", login.tokenUrl());
        // The realm's default scopes put the audience and the platform's claims into every token.
        authorizationCode.putObject("scopes");
        if (!missingServices.isEmpty()) {
            ArrayNode missing = merged.putArray(MISSING_SERVICES);
            missingServices.forEach(missing::add);
        }
        return merged;
    }

    private Parts partsOf(ServiceDocument document, Function<String, String> routedTo) {
        ObjectNode paths = json.createObjectNode();
        for (Map.Entry<String, JsonNode> path : document.document().path("paths").properties()) {
            String owner = routedTo.apply(path.getKey());
            if (document.service().equals(owner)) {
                JsonNode pathItem = withoutOwnSecurity(path.getValue().deepCopy());
                if (openToAnyone.test(path.getKey())) {
                    openToAnyone(pathItem);
                }
                paths.set(path.getKey(), pathItem);
            } else if (path.getKey().startsWith(API_PATHS)) {
                LOG.warnf("OpenAPI path %s of %s is left out of the merged document: the gateway sends it to %s",
                        path.getKey(), document.service(), owner == null ? "no service" : owner);
            }
        }
        ObjectNode components = json.createObjectNode();
        Map<String, String> originalNames = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> section : document.document().path("components").properties()) {
            // Each service describes its own token scheme; the merged document has exactly one.
            if (section.getKey().equals("securitySchemes") || !section.getValue().isObject()) {
                continue;
            }
            components.set(section.getKey(), section.getValue().deepCopy());
            section.getValue().fieldNames().forEachRemaining(name -> originalNames.put(section.getKey() + "/" + name, name));
        }
        return new Parts(document.service(), paths, components, originalNames);
    }

    /**
     * The path item with its operations' own security requirements taken out: they name the service's scheme,
     * which the merged document does not have, and would keep Swagger UI from sending the token of a login
     * with the gateway's other scheme. The document-wide requirement applies instead. An explicitly empty
     * requirement (an operation open to anyone) is kept.
     */
    private static JsonNode withoutOwnSecurity(JsonNode pathItem) {
        pathItem.elements().forEachRemaining(operation -> {
            if (operation instanceof ObjectNode object && object.path("security").size() > 0) {
                object.remove("security");
            }
        });
        return pathItem;
    }

    private static void openToAnyone(JsonNode pathItem) {
        pathItem.properties().forEach(operation -> {
            if (operation.getValue() instanceof ObjectNode object && HTTP_METHODS.contains(operation.getKey())) {
                object.putArray("security");
            }
        });
    }

    /**
     * Renames, service by service, every component whose name other services use for something else, until
     * each name left stands for one definition. Sections, names and services are visited in sorted order, so
     * the same documents always give the same names.
     */
    private static void keepDifferentDefinitionsApart(List<Parts> parts) {
        Map<String, Set<String>> taken = new TreeMap<>();
        for (Parts service : parts) {
            service.components().properties().forEach(section ->
                    taken.computeIfAbsent(section.getKey(), key -> new HashSet<>()).addAll(fieldNames(section.getValue())));
        }
        boolean renamed = true;
        while (renamed) {
            renamed = false;
            for (String section : taken.keySet()) {
                Set<String> names = new TreeSet<>();
                parts.forEach(service -> {
                    ObjectNode entries = service.section(section);
                    if (entries != null) {
                        names.addAll(fieldNames(entries));
                    }
                });
                for (String name : names) {
                    Map<JsonNode, List<Parts>> definitions = new LinkedHashMap<>();
                    for (Parts service : parts) {
                        ObjectNode entries = service.section(section);
                        if (entries != null && entries.has(name)) {
                            definitions.computeIfAbsent(entries.get(name), key -> new ArrayList<>()).add(service);
                        }
                    }
                    if (definitions.size() < 2) {
                        continue;
                    }
                    renamed = true;
                    for (List<Parts> definedBy : definitions.values()) {
                        String original = definedBy.get(0).originalNames().get(section + "/" + name);
                        String newName = unused(prefix(definedBy) + original, taken.get(section));
                        LOG.infof("OpenAPI component %s/%s differs between services; %s's is %s in the merged document",
                                section, name, definedBy.stream().map(Parts::service).toList(), newName);
                        for (Parts service : definedBy) {
                            rename(service, section, name, newName);
                        }
                    }
                }
            }
        }
    }

    private static void rename(Parts service, String section, String from, String to) {
        ObjectNode entries = service.section(section);
        entries.set(to, entries.remove(from));
        service.originalNames().put(section + "/" + to, service.originalNames().remove(section + "/" + from));
        String fromRef = COMPONENTS_REF + section + "/" + from;
        String toRef = COMPONENTS_REF + section + "/" + to;
        rewriteReferences(service.paths(), section, from, to, fromRef, toRef);
        rewriteReferences(service.components(), section, from, to, fromRef, toRef);
    }

    /**
     * Points every {@code $ref} to the component (or into it) at its new name, and, for schemas, the
     * discriminator mappings, which may name a schema by reference or by its bare name.
     */
    private static void rewriteReferences(JsonNode node, String section, String from, String to, String fromRef, String toRef) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = ref.asText();
                if (target.equals(fromRef) || target.startsWith(fromRef + "/")) {
                    object.set("$ref", TextNode.valueOf(toRef + target.substring(fromRef.length())));
                }
            }
            JsonNode mapping = object.path("discriminator").path("mapping");
            if (section.equals("schemas") && mapping instanceof ObjectNode mappings) {
                for (String key : fieldNames(mappings)) {
                    String target = mappings.get(key).asText();
                    if (target.equals(fromRef) || target.equals(from)) {
                        mappings.put(key, target.equals(from) ? to : toRef);
                    }
                }
            }
            object.elements().forEachRemaining(child -> rewriteReferences(child, section, from, to, fromRef, toRef));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewriteReferences(child, section, from, to, fromRef, toRef));
        }
    }

    /** The defining services' names, each capitalised, in service-name order: {@code Partner}, {@code AidBeneficiary}. */
    private static String prefix(List<Parts> services) {
        StringBuilder prefix = new StringBuilder();
        for (Parts service : services) {
            for (String word : service.service().split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    prefix.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
                }
            }
        }
        return prefix.toString();
    }

    /** The name itself, or with a number after it when some service already uses it in the section. */
    private static String unused(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = name + n;
        }
        taken.add(candidate);
        return candidate;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void mergeTags(ServiceDocument document, ArrayNode tags, Set<String> tagNames) {
        for (JsonNode tag : document.document().path("tags")) {
            String name = tag.path("name").asText("");
            if (!name.isEmpty() && tagNames.add(name)) {
                tags.add(tag.deepCopy());
            }
        }
    }
}
