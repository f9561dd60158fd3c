package id.atensi.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Small queries over rendered objects. */
final class Objects {
    static final List<String> SERVICES = List.of("beneficiary", "partner", "training", "aid", "webhook");
    static final List<String> APPS = List.of("beneficiary-service", "partner-service", "training-service", "aid-service", "webhook-service", "gateway");

    private Objects() {
    }

    static String id(JsonNode o) {
        return o.path("apiVersion").asText() + " " + o.path("kind").asText() + " " + o.path("metadata").path("name").asText();
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).collect(Collectors.toList());
    }

    static Optional<ObjectNode> named(List<ObjectNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    static String group(JsonNode o) {
        String apiVersion = o.path("apiVersion").asText();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }
}
