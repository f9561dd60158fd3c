package id.atensi.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the services' OpenAPI 3.0 documents into the one public document: their {@code /api/} paths,
 * tags and components, one bearer-token scheme required everywhere, and the gateway itself as the server.
 * Where two services define a different thing under the same name, the first service (by name) wins and
 * the clash is logged: a silent overwrite would give clients the wrong model without anyone noticing.
 */
public final class OpenApiMerger {

    private static final Logger LOG = Logger.getLogger(OpenApiMerger.class);

    public static final String TITLE = "ATENSI platform API";
    public static final String SECURITY_SCHEME = "bearerAuth";
    public static final String MISSING_SERVICES = "x-atensi-missing-services";
    private static final String API_PATHS = "/api/";

    /** One service's document, as that service serves it. */
    public record ServiceDocument(String service, JsonNode document) {
    }

    private final ObjectMapper json;
    private final String version;

    public OpenApiMerger(ObjectMapper json, String version) {
        this.json = json;
        this.version = version;
    }

    /** The merged document, given the documents fetched (in service-name order) and the services whose document could not be had. */
    public ObjectNode merge(List<ServiceDocument> documents, List<String> missingServices) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.0.3");
        ObjectNode info = merged.putObject("info");
        info.put("title", TITLE);
        info.put("version", version);
        info.put("description", "All public operations of the ATENSI services, reached through the gateway. "
                + "Every operation needs a bearer JWT.");
        merged.putArray("servers").addObject().put("url", "/");
        merged.putArray("security").addObject().putArray(SECURITY_SCHEME);
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");

        Set<String> tagNames = new HashSet<>();
        Map<String, String> pathOwners = new HashMap<>();
        Map<String, String> componentOwners = new HashMap<>();
        for (ServiceDocument document : documents) {
            mergeTags(document, tags, tagNames);
            mergePaths(document, paths, pathOwners);
            mergeComponents(document, components, componentOwners);
        }
        components.putObject("securitySchemes").putObject(SECURITY_SCHEME)
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "RS256 access token; roles in the groups claim");
        if (!missingServices.isEmpty()) {
            ArrayNode missing = merged.putArray(MISSING_SERVICES);
            missingServices.forEach(missing::add);
        }
        return merged;
    }

    private static void mergeTags(ServiceDocument document, ArrayNode tags, Set<String> tagNames) {
        for (JsonNode tag : document.document().path("tags")) {
            String name = tag.path("name").asText("");
            if (!name.isEmpty() && tagNames.add(name)) {
                tags.add(tag.deepCopy());
            }
        }
    }

    private static void mergePaths(ServiceDocument document, ObjectNode paths, Map<String, String> owners) {
        for (Map.Entry<String, JsonNode> path : document.document().path("paths").properties()) {
            // Only the public API goes through the gateway; /q/health and such stay each service's own.
            if (!path.getKey().startsWith(API_PATHS)) {
                continue;
            }
            String owner = owners.putIfAbsent(path.getKey(), document.service());
            if (owner == null) {
                paths.set(path.getKey(), path.getValue().deepCopy());
            } else {
                LOG.warnf("OpenAPI path %s is published by both %s and %s; the merged document keeps %s's",
                        path.getKey(), owner, document.service(), owner);
            }
        }
    }

    private static void mergeComponents(ServiceDocument document, ObjectNode components, Map<String, String> owners) {
        for (Map.Entry<String, JsonNode> section : document.document().path("components").properties()) {
            // Each service describes its own token scheme; the merged document has exactly one.
            if (section.getKey().equals("securitySchemes") || !section.getValue().isObject()) {
                continue;
            }
            ObjectNode mergedSection = components.has(section.getKey())
                    ? (ObjectNode) components.get(section.getKey())
                    : components.putObject(section.getKey());
            for (Map.Entry<String, JsonNode> entry : section.getValue().properties()) {
                JsonNode existing = mergedSection.get(entry.getKey());
                String key = section.getKey() + "/" + entry.getKey();
                if (existing == null) {
                    mergedSection.set(entry.getKey(), entry.getValue().deepCopy());
                    owners.put(key, document.service());
                } else if (!existing.equals(entry.getValue())) {
                    LOG.warnf("OpenAPI component %s differs between %s and %s; the merged document keeps %s's",
                            key, owners.get(key), document.service(), owners.get(key));
                }
            }
        }
    }
}
