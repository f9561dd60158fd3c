package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * deploy/k8s/monitoring/alerts: PrometheusRules that promtool accepts, each alert unit-tested with promtool on synthetic
 * series (monitoring/tests) both firing and silent, and each explained by a runbook section its runbook_url names.
 */
class AlertRulesTest {
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Pattern RUNBOOK = Pattern.compile("docs/operations/([a-z-]+\\.md)#([a-z0-9-]+)");

    private static Map<String, JsonNode> alerts() {
        Map<String, JsonNode> alerts = new TreeMap<>();
        for (ObjectNode rule : Objects.ofKind(Kustomize.render("monitoring"), "PrometheusRule")) {
            for (JsonNode group : rule.path("spec").path("groups")) {
                for (JsonNode r : group.path("rules")) {
                    if (r.has("alert") && alerts.put(r.get("alert").asText(), r) != null) {
                        throw new AssertionFailedError("alert " + r.get("alert").asText() + " is defined twice");
                    }
                }
            }
        }
        return alerts;
    }

    @Test
    void everyRuleFileIsAPrometheusRuleInTheKustomizationThatPromtoolAccepts(@TempDir Path dir) throws Exception {
        List<ObjectNode> rendered = Objects.ofKind(Kustomize.render("monitoring"), "PrometheusRule");
        List<Path> files = Promtool.extractRuleFiles(dir);
        assertEquals(files.size(), rendered.size(), "every file under monitoring/alerts is a resource of monitoring/kustomization.yaml");
        for (ObjectNode rule : rendered) {
            PrometheusRule typed = Yaml.STRICT.treeToValue(rule, PrometheusRule.class);
            assertEquals(List.of(), UnknownFields.of(typed), Objects.id(rule));
            assertEquals("atensi", typed.getMetadata().getLabels().get("app.kubernetes.io/part-of"), Objects.id(rule));
        }
        List<String> arguments = new ArrayList<>(List.of("check", "rules"));
        files.forEach(f -> arguments.add(f.getFileName().toString()));
        Promtool.Result check = Promtool.run(dir, arguments.toArray(String[]::new));
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(alerts().size() >= 15, "the alerts of issue 22: " + alerts().keySet());
    }

    @Test
    void promtoolUnitTestsOfEveryRuleFilePass(@TempDir Path dir) throws Exception {
        Promtool.extractRuleFiles(dir);
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        for (Path test : testFiles()) {
            Files.copy(test, dir.resolve(test.getFileName()));
            arguments.add(test.getFileName().toString());
        }
        Promtool.Result result = Promtool.run(dir, arguments.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(testFiles().size(), result.output().split("SUCCESS", -1).length - 1, result.output());
    }

    @Test
    void aUnitTestExpectingSilenceWhereAnAlertFiresFails(@TempDir Path dir) throws Exception {
        Promtool.extractRuleFiles(dir);
        Path test = Repo.k8s().resolve("monitoring/tests/event-backbone.test.yaml");
        String wrong = Files.readString(test).replaceFirst(
                "(?s)(- eval_time: 12m\\s+alertname: AtensiOutboxEventsDelayed\\s+exp_alerts:)\\n.*?(\\n\\s+- eval_time)", "$1 []$2");
        assertNotEquals(Files.readString(test), wrong, "the expectation to break is where this test looks for it");
        Files.writeString(dir.resolve("wrong.test.yaml"), wrong);
        Promtool.Result result = Promtool.run(dir, "test", "rules", "wrong.test.yaml");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("AtensiOutboxEventsDelayed"), result.output());
    }

    @Test
    void withoutPromtoolTheChecksFailSayingWhatToInstall(@TempDir Path dir) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Promtool.run(dir.resolve("no-such-promtool").toString(), dir, "--version"));
        assertTrue(e.getMessage().contains("apt-get install -y prometheus"), e.getMessage());
    }

    @Test
    void everyAlertIsTestedFiringAndSilent() throws Exception {
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Path test : testFiles()) {
            for (JsonNode t : Yaml.YAML.readTree(Files.readString(test)).path("tests")) {
                for (JsonNode a : t.path("alert_rule_test")) {
                    (a.path("exp_alerts").isEmpty() ? silent : firing).add(a.path("alertname").asText());
                }
            }
        }
        List<String> untested = new ArrayList<>();
        for (String alert : alerts().keySet()) {
            if (!firing.contains(alert)) {
                untested.add(alert + " (never expected to fire)");
            }
            if (!silent.contains(alert)) {
                untested.add(alert + " (never expected to stay silent)");
            }
        }
        assertEquals(List.of(), untested);
    }

    @Test
    void everyAlertHasASeveritySummaryAndARunbookSectionSayingWhatItMeansHowToConfirmAndWhatToDo() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : alerts().entrySet()) {
            String alert = e.getKey();
            JsonNode rule = e.getValue();
            if (!SEVERITIES.contains(rule.path("labels").path("severity").asText())) {
                problems.add(alert + ": severity " + rule.path("labels").path("severity") + " is not one of " + SEVERITIES);
            }
            for (String annotation : List.of("summary", "description", "runbook_url")) {
                if (rule.path("annotations").path(annotation).asText().isBlank()) {
                    problems.add(alert + ": no " + annotation);
                }
            }
            Matcher url = RUNBOOK.matcher(rule.path("annotations").path("runbook_url").asText());
            if (!url.matches()) {
                problems.add(alert + ": runbook_url is not docs/operations/<page>.md#<anchor>");
                continue;
            }
            if (!url.group(2).equals(alert.toLowerCase())) {
                problems.add(alert + ": runbook_url's anchor is not the alert's name in lower case (its heading's anchor)");
            }
            Path page = Repo.root().resolve("docs/operations").resolve(url.group(1));
            if (!Files.isRegularFile(page)) {
                problems.add(alert + ": no " + page);
                continue;
            }
            String section = section(Files.readString(page), alert);
            if (section == null) {
                problems.add(alert + ": " + url.group(1) + " has no heading '## " + alert + "'");
                continue;
            }
            for (String part : List.of("**What it means**", "**How to confirm**", "**What to do**", "**Why this threshold**")) {
                if (!section.contains(part)) {
                    problems.add(alert + ": its section in " + url.group(1) + " lacks " + part);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The text under {@code ## <alert>} up to the next heading of that level, or null. */
    private static String section(String markdown, String alert) {
        Matcher m = Pattern.compile("(?m)^## " + Pattern.quote(alert) + "\\s*$").matcher(markdown);
        if (!m.find()) {
            return null;
        }
        String rest = markdown.substring(m.end());
        Matcher next = Pattern.compile("(?m)^## ").matcher(rest);
        return next.find() ? rest.substring(0, next.start()) : rest;
    }

    private static List<Path> testFiles() throws Exception {
        try (var files = Files.list(Repo.k8s().resolve("monitoring/tests"))) {
            return files.filter(p -> p.toString().endsWith(".test.yaml")).sorted().toList();
        }
    }
}
