package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/k8s/monitoring/dashboards: Grafana dashboards shipped as ConfigMaps for the Grafana sidecar, the four the
 * issue names, each panel's queries valid PromQL (promtool checks them as recording rules). That they name only
 * metrics the apps expose is checked against a real scrape by system-tests' MonitoringMetricsSystemTest.
 */
class DashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grafana's built-in interval variables, replaced by a duration so that promtool can parse the query. */
    private static final Map<String, String> GRAFANA_INTERVALS = Map.of("$__rate_interval", "5m", "$__interval", "1m", "$__range", "1h");

    private static Map<String, ObjectNode> dashboards() throws Exception {
        Map<String, ObjectNode> dashboards = new LinkedHashMap<>();
        try (var files = Files.list(Repo.k8s().resolve("monitoring/dashboards"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                dashboards.put(file.getFileName().toString(), (ObjectNode) JSON.readTree(Files.readString(file)));
            }
        }
        return dashboards;
    }

    @Test
    void everyDashboardIsAConfigMapForTheGrafanaSidecarHoldingTheFileAsIs() throws Exception {
        List<ObjectNode> maps = Objects.ofKind(Kustomize.render("monitoring"), "ConfigMap");
        Set<String> shipped = new TreeSet<>();
        for (ObjectNode map : maps) {
            assertEquals("1", map.path("metadata").path("labels").path("grafana_dashboard").asText(), Objects.id(map) + ": the sidecar's label");
            map.path("data").fields().forEachRemaining(e -> {
                shipped.add(e.getKey());
                try {
                    assertEquals(Files.readString(Repo.k8s().resolve("monitoring/dashboards").resolve(e.getKey())), e.getValue().asText(),
                            Objects.id(map) + ": " + e.getKey());
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
        }
        assertEquals(dashboards().keySet(), shipped, "every dashboard file is shipped, once");
        assertEquals(Set.of("atensi-gateway.json", "atensi-services.json", "atensi-event-backbone.json", "atensi-programme.json"),
                dashboards().keySet(), "the gateway, each service, the event backbone, the programme (issue 22)");
    }

    @Test
    void everyDashboardHasAUniqueUidAndEveryPanelQueriesThroughTheChosenPrometheus() throws Exception {
        Set<String> uids = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> d : dashboards().entrySet()) {
            if (!uids.add(d.getValue().path("uid").asText()) || d.getValue().path("uid").asText().isBlank()) {
                problems.add(d.getKey() + ": uid missing or not unique");
            }
            for (JsonNode panel : panels(d.getValue())) {
                if (panel.path("targets").isEmpty()) {
                    problems.add(d.getKey() + ": panel '" + panel.path("title").asText() + "' has no query");
                }
                for (JsonNode target : panel.path("targets")) {
                    if (!target.path("datasource").path("uid").asText().equals("${datasource}") || target.path("expr").asText().isBlank()) {
                        problems.add(d.getKey() + ": panel '" + panel.path("title").asText() + "' " + target.path("refId").asText()
                                + " has no query or does not use the ${datasource} variable");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPanelQueryParsesWithPromtool(@TempDir Path dir) throws Exception {
        Promtool.Result result = checkAsRules(dir, dashboards());
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void aPanelQueryThatIsNotPromQlIsCaught(@TempDir Path dir) throws Exception {
        ObjectNode broken = dashboards().get("atensi-gateway.json").deepCopy();
        ((ObjectNode) panels(broken).get(0).path("targets").get(0)).put("expr", "sum by (uri (rate(http_server_requests_seconds_count[5m]))");
        Promtool.Result result = checkAsRules(dir, Map.of("broken.json", broken));
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("broken.json"), result.output());
    }

    /** Every panel query as a recording rule of one group per dashboard, then {@code promtool check rules}. */
    private static Promtool.Result checkAsRules(Path dir, Map<String, ObjectNode> dashboards) throws Exception {
        ObjectNode file = Yaml.YAML.createObjectNode();
        ArrayNode groups = file.putArray("groups");
        for (Map.Entry<String, ObjectNode> d : dashboards.entrySet()) {
            ObjectNode group = groups.addObject().put("name", d.getKey());
            ArrayNode rules = group.putArray("rules");
            for (JsonNode panel : panels(d.getValue())) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    for (Map.Entry<String, String> v : GRAFANA_INTERVALS.entrySet()) {
                        expr = expr.replace(v.getKey(), v.getValue());
                    }
                    rules.addObject().put("record", "dashboard_check:panel_" + panel.path("id").asText() + "_" + target.path("refId").asText())
                            .put("expr", expr);
                }
            }
        }
        Files.writeString(dir.resolve("panels.rules.yaml"), Yaml.YAML.writeValueAsString(file));
        return Promtool.run(dir, "check", "rules", "panels.rules.yaml");
    }

    /** The panels, those inside collapsed rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }
}
