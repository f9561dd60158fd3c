package id.atensi.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudNativePG, its Barman Cloud plugin and the Keycloak Operator publish no Java model on Maven Central: their
 * objects are checked against a minimal schema written here (the fields this repository uses, each with its type, and
 * the ones the operator requires). A field outside the schema fails, so a typo cannot pass; a field the operator
 * accepts but the schema lacks must be added to it.
 *
 * <p>Types: {@code object}, {@code map} (string values), {@code string}, {@code int}, {@code bool}, {@code quantity},
 * {@code list} (of objects, whose fields are listed under {@code path[]}), {@code strings} (a list of strings),
 * {@code dict} (an object with keys of any name whose values are objects with the fields listed under {@code path.*}),
 * {@code enum:a|b|c}, {@code document} (any object, not walked: its content is checked elsewhere).
 */
record MinimalSchema(String apiVersion, String kind, Map<String, String> types, Set<String> required) {

    List<String> validate(JsonNode o) {
        List<String> problems = new ArrayList<>();
        if (!o.path("apiVersion").asText().equals(apiVersion) || !o.path("kind").asText().equals(kind)) {
            problems.add("apiVersion/kind " + apiVersion + " " + kind);
        }
        walk(o, "", problems);
        for (String path : required) {
            JsonNode n = o;
            for (String part : path.split("\\.")) {
                n = n.path(part);
            }
            if (n.isMissingNode() || n.isNull()) {
                problems.add("required " + path + " missing");
            }
        }
        return problems;
    }

    private void walk(JsonNode node, String path, List<String> problems) {
        if (!path.isEmpty()) {
            String type = types.get(path);
            if (type == null) {
                problems.add(path + ": not in the checks' " + kind + " schema (typo, or add it to the schema)");
                return;
            }
            if (!matches(type, node)) {
                problems.add(path + ": expected " + type + ", got " + node);
                return;
            }
            if (type.equals("list")) {
                for (JsonNode element : node) {
                    if (!element.isObject()) {
                        problems.add(path + "[]: expected object, got " + element);
                    }
                    element.fields().forEachRemaining(e -> walk(e.getValue(), path + "[]." + e.getKey(), problems));
                }
                return;
            }
            if (type.equals("dict")) {
                node.fields().forEachRemaining(e -> {
                    if (!e.getValue().isObject()) {
                        problems.add(path + "." + e.getKey() + ": expected object, got " + e.getValue());
                    }
                    e.getValue().fields().forEachRemaining(f -> walk(f.getValue(), path + ".*." + f.getKey(), problems));
                });
                return;
            }
            if (!type.equals("object")) {
                return;
            }
        }
        node.fields().forEachRemaining(e -> walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), problems));
    }

    private static boolean matches(String type, JsonNode node) {
        if (type.startsWith("enum:")) {
            return node.isTextual() && List.of(type.substring(5).split("\\|")).contains(node.asText());
        }
        return switch (type) {
            case "object", "dict", "document" -> node.isObject();
            case "map" -> node.isObject() && allTextual(node);
            case "list" -> node.isArray() && node.size() > 0;
            case "strings" -> node.isArray() && allTextual(node);
            case "string" -> node.isTextual();
            case "int" -> node.isInt();
            case "bool" -> node.isBoolean();
            case "quantity" -> node.isTextual() && node.asText().matches("\\d+(\\.\\d+)?(m|Ki|Mi|Gi|Ti)?") || node.isInt();
            default -> throw new IllegalArgumentException("unknown schema type " + type);
        };
    }

    private static boolean allTextual(JsonNode map) {
        for (JsonNode value : map) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
