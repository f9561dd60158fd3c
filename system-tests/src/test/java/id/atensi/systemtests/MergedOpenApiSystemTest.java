package id.atensi.systemtests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's merged OpenAPI document describes exactly what each service accepts and returns: for every
 * operation in it, the parameters, request body and responses, with every {@code $ref} resolved, equal those of
 * the same operation in the owning service's own document. Services that publish different schemas under one
 * name (AtensiService, Cluster, Programme, ...) must not leave the merged document with one service's schema
 * in another service's operations.
 */
@ExtendWith(SharedPlatform.class)
class MergedOpenApiSystemTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** What a client sends and gets: compared resolved. */
    private static final List<String> COMPARED = List.of("parameters", "requestBody", "responses");

    private static Map<String, Object> merged;
    private static final Map<String, Map<String, Object>> own = new TreeMap<>();

    @BeforeAll
    static void fetchTheDocuments() {
        merged = document(SharedPlatform.get().gatewayUrl());
        for (String service : RunningPlatform.SERVICES) {
            own.put(service, document(SharedPlatform.get().serviceUrl(service)));
        }
    }

    @Test
    void everyOperationOfTheMergedDocumentTakesAndGivesWhatItsServiceDocuments() {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, Object> path : new TreeMap<>(map(merged.get("paths"))).entrySet()) {
            List<String> owners = own.entrySet().stream()
                    .filter(service -> map(service.getValue().get("paths")).containsKey(path.getKey()))
                    .map(Map.Entry::getKey).toList();
            assertEquals(1, owners.size(), path.getKey() + " is published by " + owners);
            Map<String, Object> service = own.get(owners.get(0));
            Map<String, Object> servicePath = map(map(service.get("paths")).get(path.getKey()));
            for (String method : new TreeSet<>(map(path.getValue()).keySet())) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                Map<String, Object> operation = map(map(path.getValue()).get(method));
                Map<String, Object> serviceOperation = map(servicePath.get(method));
                for (String part : COMPARED) {
                    Object expected = new Resolver(service).resolve(serviceOperation.get(part));
                    Object actual = new Resolver(merged).resolve(operation.get(part));
                    if (!expected.equals(actual)) {
                        differences.add(method.toUpperCase() + " " + path.getKey() + " " + part + " (" + owners.get(0) + "): "
                                + firstDifference(expected, actual, part));
                    }
                }
                compared++;
            }
        }
        assertTrue(compared > 50, "only " + compared + " operations in the merged document");
        assertTrue(differences.isEmpty(), differences.size() + " differences:\n" + String.join("\n", differences));
    }

    @Test
    void everyOperationOfEveryServiceIsInTheMergedDocument() {
        Map<String, Object> mergedPaths = map(merged.get("paths"));
        for (Map.Entry<String, Map<String, Object>> service : own.entrySet()) {
            for (Map.Entry<String, Object> path : map(service.getValue().get("paths")).entrySet()) {
                // /admin/* (consumer replay) is for operators inside the cluster and deliberately not routed; the SPDCI
                // registry paths are routed at the places the standard names.
                if (!path.getKey().startsWith("/api/") && !path.getKey().startsWith("/registry/")) {
                    continue;
                }
                for (String method : map(path.getValue()).keySet()) {
                    if (METHODS.contains(method)) {
                        assertTrue(map(mergedPaths.get(path.getKey())).containsKey(method),
                                service.getKey() + "'s " + method.toUpperCase() + " " + path.getKey() + " is missing from the merged document");
                    }
                }
            }
        }
    }

    @Test
    void everyComponentOfTheMergedDocumentIsOneAServiceDefines() {
        // No schema made up, nor half of one service's and half of another's: each resolves to one a service has.
        Map<String, Set<Object>> defined = new TreeMap<>();
        for (Map<String, Object> document : own.values()) {
            map(document.get("components")).forEach((section, entries) -> map(entries).keySet().forEach(name ->
                    defined.computeIfAbsent(section, key -> new HashSet<>())
                            .add(new Resolver(document).resolve(Map.of("$ref", "#/components/" + section + "/" + name)))));
        }
        for (Map.Entry<String, Object> section : map(merged.get("components")).entrySet()) {
            if (section.getKey().equals("securitySchemes")) {
                continue;
            }
            for (String name : map(section.getValue()).keySet()) {
                Object resolved = new Resolver(merged).resolve(Map.of("$ref", "#/components/" + section.getKey() + "/" + name));
                assertTrue(defined.getOrDefault(section.getKey(), Set.of()).contains(resolved),
                        section.getKey() + "/" + name + " of the merged document is no service's");
            }
        }
    }

    /** Where two resolved trees first part, and what each has there. */
    private static String firstDifference(Object service, Object gateway, String at) {
        if (service instanceof Map<?, ?> one && gateway instanceof Map<?, ?> other) {
            for (Object key : new TreeSet<>(union(one.keySet(), other.keySet()))) {
                if (!Objects.equals(one.get(key), other.get(key))) {
                    return firstDifference(one.get(key), other.get(key), at + "/" + key);
                }
            }
        }
        if (service instanceof List<?> one && gateway instanceof List<?> other && one.size() == other.size()) {
            for (int i = 0; i < one.size(); i++) {
                if (!one.get(i).equals(other.get(i))) {
                    return firstDifference(one.get(i), other.get(i), at + "/" + i);
                }
            }
        }
        return "at " + at + " the service has " + abbreviate(service) + ", the gateway " + abbreviate(gateway);
    }

    private static Set<Object> union(Set<?> one, Set<?> other) {
        Set<Object> union = new HashSet<>(one);
        union.addAll(other);
        return union.stream().map(String::valueOf).collect(Collectors.toSet());
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static Map<String, Object> document(String baseUrl) {
        return given().baseUri(baseUrl).when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("$");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /**
     * A part of a document with every local {@code $ref} replaced by what it points to. A reference back into a
     * component being resolved (a recursive schema) becomes {@code {"$cycle": n}}, n being how many references
     * up it closes, which is the same in both documents whatever their components are called. A discriminator's
     * mapping names schemas, whose names may differ: it is left out, what it maps to is compared through oneOf.
     */
    private static final class Resolver {

        private final Map<String, Object> document;
        private final Deque<String> resolving = new ArrayDeque<>();

        Resolver(Map<String, Object> document) {
            this.document = document;
        }

        Object resolve(Object node) {
            if (node instanceof Map<?, ?> object) {
                Object ref = object.get("$ref");
                if (ref instanceof String pointer && pointer.startsWith("#/")) {
                    int depth = new ArrayList<>(resolving).indexOf(pointer);
                    if (depth >= 0) {
                        return Map.of("$cycle", depth);
                    }
                    resolving.push(pointer);
                    Object resolved = resolve(at(pointer));
                    resolving.pop();
                    return resolved;
                }
                Map<String, Object> copy = new LinkedHashMap<>();
                object.forEach((key, value) -> copy.put((String) key, key.equals("mapping") ? Map.of() : resolve(value)));
                return copy;
            }
            if (node instanceof List<?> list) {
                return list.stream().map(this::resolve).toList();
            }
            return node == null ? "(absent)" : node;
        }

        private Object at(String pointer) {
            Object node = document;
            for (String token : pointer.substring(2).split("/")) {
                String key = token.replace("~1", "/").replace("~0", "~");
                node = node instanceof List<?> list ? list.get(Integer.parseInt(key)) : map(node).get(key);
                if (node == null) {
                    throw new AssertionError("dangling reference " + pointer);
                }
            }
            return node;
        }
    }
}
