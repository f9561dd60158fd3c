package id.atensi.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately small Kustomize renderer for machines without kubectl. It implements only what deploy/k8s uses
 * and fails on anything else:
 * <ul>
 * <li>{@code resources}: files (multi-document YAML) and directories holding a kustomization.yaml;</li>
 * <li>{@code images}: {@code name} with {@code newName}/{@code newTag}/{@code digest}, on
 * {@code spec.template.spec.(init)containers[].image};</li>
 * <li>{@code patches}: a {@code path} or inline {@code patch}, with or without a {@code target} ({@code kind},
 * {@code group}, {@code name}, {@code labelSelector} of {@code key=value} terms). A YAML list is a JSON 6902 patch (add, remove, replace); a mapping is a strategic
 * merge patch, simplified: maps merge, {@code null} deletes, lists of mappings merge by {@code name}, other lists
 * are replaced. Without a target, a strategic merge patch applies to the object of the same kind and name.</li>
 * <li>{@code secretGenerator}: {@code literals} only, {@code options.disableNameSuffixHash: true} (a name hash is not
 * implemented), {@code behavior} {@code create} or {@code merge} (an overlay's keys added to the base's Secret).</li>
 * <li>{@code configMapGenerator}: {@code files} only (a path, the file's name becoming the key), a new ConfigMap with
 * {@code options.disableNameSuffixHash: true} and optional {@code options.labels} and {@code options.annotations}.</li>
 * </ul>
 * When kubectl is present, {@code MinimalKustomizeTest} checks that this renderer gives the same objects.
 */
final class MinimalKustomize {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "images", "secretGenerator",
            "configMapGenerator");

    private MinimalKustomize() {
    }

    static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(dir + ": no kustomization.yaml (the minimal renderer reads only that name)");
        }
        ObjectNode k = Yaml.single(file);
        for (Iterator<String> it = k.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!SUPPORTED.contains(field)) {
                throw new IllegalStateException(file + ": field '" + field + "' is not supported by the checks' minimal"
                        + " Kustomize renderer (only " + SUPPORTED + "); install kubectl to render it");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            objects.addAll(Files.isDirectory(p) ? render(p) : Yaml.documents(p));
        }
        for (JsonNode generator : k.path("secretGenerator")) {
            generateSecret(file, objects, generator);
        }
        for (JsonNode generator : k.path("configMapGenerator")) {
            objects.add(generateConfigMap(file, dir, generator));
        }
        for (JsonNode patch : k.path("patches")) {
            List<JsonNode> bodies = new ArrayList<>();
            if (patch.has("path")) {
                Path p = dir.resolve(patch.get("path").asText());
                JsonNode whole = readAny(p);
                if (whole.isArray() && (whole.isEmpty() || whole.get(0).has("op"))) {
                    bodies.add(whole);
                } else {
                    bodies.addAll(Yaml.documents(p));
                }
            } else if (patch.has("patch")) {
                bodies.add(readAny(patch.get("patch").asText(), file.toString()));
            } else {
                throw new IllegalStateException(file + ": a patch without path or patch: " + patch);
            }
            for (JsonNode body : bodies) {
                apply(file, objects, patch.path("target"), body);
            }
        }
        for (JsonNode image : k.path("images")) {
            for (ObjectNode o : objects) {
                for (String list : List.of("containers", "initContainers")) {
                    for (JsonNode c : o.path("spec").path("template").path("spec").path(list)) {
                        setImage((ObjectNode) c, image);
                    }
                }
            }
        }
        return objects;
    }

    private static void generateSecret(Path file, List<ObjectNode> objects, JsonNode generator) {
        for (Iterator<String> it = generator.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!Set.of("name", "literals", "behavior", "options").contains(field)) {
                throw new IllegalStateException(file + ": secretGenerator field '" + field + "' is not supported by the minimal renderer");
            }
        }
        String name = generator.path("name").asText();
        String behavior = generator.path("behavior").asText("create");
        ObjectNode secret = objects.stream().filter(o -> o.path("kind").asText().equals("Secret")
                && o.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
        if (behavior.equals("create")) {
            if (secret != null || !generator.path("options").path("disableNameSuffixHash").asBoolean()) {
                throw new IllegalStateException(file + ": secretGenerator " + name + ": the minimal renderer creates only new Secrets"
                        + " with options.disableNameSuffixHash: true");
            }
            secret = Yaml.YAML.createObjectNode();
            secret.put("apiVersion", "v1").put("kind", "Secret").putObject("metadata").put("name", name);
            secret.put("type", "Opaque");
            secret.putObject("data");
            objects.add(secret);
        } else if (!behavior.equals("merge") || secret == null) {
            throw new IllegalStateException(file + ": secretGenerator " + name + ": behavior " + behavior
                    + " is not supported by the minimal renderer, or there is no Secret to merge into (create, merge only)");
        }
        ObjectNode data = (ObjectNode) secret.path("data");
        for (JsonNode literal : generator.path("literals")) {
            String[] kv = literal.asText().split("=", 2);
            data.put(kv[0], java.util.Base64.getEncoder().encodeToString(kv[1].getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    private static ObjectNode generateConfigMap(Path file, Path dir, JsonNode generator) {
        for (Iterator<String> it = generator.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!Set.of("name", "files", "options").contains(field)) {
                throw new IllegalStateException(file + ": configMapGenerator field '" + field + "' is not supported by the minimal renderer");
            }
        }
        JsonNode options = generator.path("options");
        for (Iterator<String> it = options.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!Set.of("disableNameSuffixHash", "labels", "annotations").contains(field)) {
                throw new IllegalStateException(file + ": configMapGenerator option '" + field + "' is not supported by the minimal renderer");
            }
        }
        if (!options.path("disableNameSuffixHash").asBoolean()) {
            throw new IllegalStateException(file + ": configMapGenerator " + generator.path("name").asText()
                    + ": the minimal renderer creates only ConfigMaps with options.disableNameSuffixHash: true");
        }
        ObjectNode map = Yaml.YAML.createObjectNode();
        map.put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = map.putObject("metadata");
        metadata.put("name", generator.path("name").asText());
        for (String field : List.of("labels", "annotations")) {
            if (options.has(field)) {
                metadata.set(field, options.get(field).deepCopy());
            }
        }
        ObjectNode data = map.putObject("data");
        for (JsonNode f : generator.path("files")) {
            if (f.asText().contains("=")) {
                throw new IllegalStateException(file + ": configMapGenerator files with a key= are not supported by the minimal renderer");
            }
            Path source = dir.resolve(f.asText());
            try {
                data.put(source.getFileName().toString(), Files.readString(source));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return map;
    }

    private static void apply(Path file, List<ObjectNode> objects, JsonNode target, JsonNode body) {
        int applied = 0;
        for (int i = 0; i < objects.size(); i++) {
            ObjectNode o = objects.get(i);
            boolean matches;
            if (target.isMissingNode()) {
                if (body.isArray()) {
                    throw new IllegalStateException(file + ": a JSON 6902 patch needs a target");
                }
                matches = o.path("kind").equals(body.path("kind"))
                        && o.path("metadata").path("name").equals(body.path("metadata").path("name"));
            } else {
                matches = matches(o, target);
            }
            if (!matches) {
                continue;
            }
            applied++;
            if (body.isArray()) {
                for (JsonNode op : body) {
                    json6902(o, op, file);
                }
            } else {
                objects.set(i, (ObjectNode) merge(o, body));
            }
        }
        if (applied == 0) {
            throw new IllegalStateException(file + ": a patch matched no object: target " + target + ", patch " + body);
        }
    }

    private static boolean matches(ObjectNode o, JsonNode target) {
        for (Iterator<Map.Entry<String, JsonNode>> it = target.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String want = e.getValue().asText();
            String apiVersion = o.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            switch (e.getKey()) {
                case "kind" -> {
                    if (!want.equals(o.path("kind").asText())) {
                        return false;
                    }
                }
                case "name" -> {
                    if (!want.equals(o.path("metadata").path("name").asText())) {
                        return false;
                    }
                }
                case "group" -> {
                    if (!want.equals(group)) {
                        return false;
                    }
                }
                case "labelSelector" -> {
                    for (String requirement : want.split(",")) {
                        String[] kv = requirement.strip().split("=", 2);
                        if (kv.length != 2 || kv[0].endsWith("!")) {
                            throw new IllegalStateException("labelSelector '" + want
                                    + "': the minimal renderer supports key=value requirements only");
                        }
                        if (!kv[1].strip().equals(o.path("metadata").path("labels").path(kv[0].strip()).asText(null))) {
                            return false;
                        }
                    }
                }
                default -> throw new IllegalStateException("patch target field '" + e.getKey()
                        + "' is not supported by the minimal renderer (kind, group, name, labelSelector only)");
            }
        }
        return true;
    }

    private static void json6902(ObjectNode root, JsonNode op, Path file) {
        String kind = op.path("op").asText();
        String[] tokens = op.path("path").asText().substring(1).split("/", -1);
        JsonNode parent = root;
        for (int i = 0; i < tokens.length - 1; i++) {
            parent = child(parent, unescape(tokens[i]));
            if (parent == null || parent.isMissingNode()) {
                throw new IllegalStateException(file + ": JSON 6902 path not found: " + op);
            }
        }
        String last = unescape(tokens[tokens.length - 1]);
        switch (kind) {
            case "add", "replace" -> {
                JsonNode value = op.get("value");
                if (parent instanceof ObjectNode obj) {
                    if (kind.equals("replace") && !obj.has(last)) {
                        throw new IllegalStateException(file + ": replace of a missing member: " + op);
                    }
                    obj.set(last, value.deepCopy());
                } else if (parent instanceof ArrayNode arr) {
                    if (last.equals("-")) {
                        arr.add(value.deepCopy());
                    } else if (kind.equals("add")) {
                        arr.insert(Integer.parseInt(last), value.deepCopy());
                    } else {
                        arr.set(Integer.parseInt(last), value.deepCopy());
                    }
                }
            }
            case "remove" -> {
                if (parent instanceof ObjectNode obj) {
                    if (obj.remove(last) == null) {
                        throw new IllegalStateException(file + ": remove of a missing member: " + op);
                    }
                } else if (parent instanceof ArrayNode arr) {
                    arr.remove(Integer.parseInt(last));
                }
            }
            default -> throw new IllegalStateException(file + ": JSON 6902 op '" + kind
                    + "' is not supported by the minimal renderer (add, remove, replace only)");
        }
    }

    private static JsonNode child(JsonNode node, String token) {
        return node.isArray() ? node.get(Integer.parseInt(token)) : node.get(token);
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** The simplified strategic merge described in the class comment. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!(target instanceof ObjectNode) || !(patch instanceof ObjectNode)) {
            return patch.deepCopy();
        }
        ObjectNode result = (ObjectNode) target;
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("$")) {
                throw new IllegalStateException("strategic merge directive " + e.getKey() + " is not supported by the minimal renderer");
            }
            JsonNode current = result.get(e.getKey());
            JsonNode value = e.getValue();
            if (value.isNull()) {
                result.remove(e.getKey());
            } else if (current != null && current.isObject() && value.isObject()) {
                result.set(e.getKey(), merge(current, value));
            } else if (current != null && current.isArray() && value.isArray() && namedElements(current) && namedElements(value)) {
                ArrayNode merged = (ArrayNode) current;
                for (JsonNode element : value) {
                    JsonNode same = null;
                    for (JsonNode existing : merged) {
                        if (existing.get("name").equals(element.get("name"))) {
                            same = existing;
                        }
                    }
                    if (same != null) {
                        merge(same, element);
                    } else {
                        merged.add(element.deepCopy());
                    }
                }
            } else {
                result.set(e.getKey(), value.deepCopy());
            }
        }
        return result;
    }

    private static boolean namedElements(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject() || !element.has("name")) {
                return false;
            }
        }
        return !array.isEmpty();
    }

    private static void setImage(ObjectNode container, JsonNode image) {
        String current = container.path("image").asText();
        String name = current;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        if (!name.equals(image.path("name").asText())) {
            return;
        }
        String newName = image.has("newName") ? image.get("newName").asText() : name;
        String suffix = current.substring(name.length());
        if (image.has("digest")) {
            suffix = "@" + image.get("digest").asText();
        } else if (image.has("newTag")) {
            suffix = ":" + image.get("newTag").asText();
        }
        container.set("image", TextNode.valueOf(newName + suffix));
    }

    private static JsonNode readAny(Path p) {
        try {
            return readAny(Files.readString(p), p.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode readAny(String text, String origin) {
        try {
            return Yaml.YAML.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(origin + ": patch is not valid YAML", e);
        }
    }
}
