package id.atensi.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alert rules and dashboards of deploy/k8s/monitoring name only metrics the running apps publish: every
 * process' /q/metrics is scraped after a request has reached each service through the gateway (the HTTP metrics
 * appear with the first request), and each metric an alert or a panel names must be among the scraped samples
 * (a histogram's {@code _bucket}, {@code _count}, {@code _sum} are samples of their own, so they are compared as
 * written). The per-service dashboard's metrics must be in every service's scrape. deploy/checks has already
 * checked that every expression parses. The gauges added for the alerts and dashboards are checked to say what is
 * true: the identity provider reachable, a person registered counted.
 */
@ExtendWith(SharedPlatform.class)
class MonitoringMetricsSystemTest {

    /** Made by Prometheus itself for every target, never scraped. */
    private static final Set<String> SYNTHETIC = Set.of("up");
    /**
     * Metrics that exist only once a delivery was attempted (webhook-service's), which no system test makes: their names
     * are taken from the app's README and meters as committed, not from a scrape.
     */
    private static final List<String> NOT_STARTED_HERE = List.of("atensi_webhook_");
    /** PromQL's words that are not metrics: aggregations (they may precede "by (...)" instead of a parenthesis) and keywords. */
    private static final Set<String> KEYWORDS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");
    /** A read of each service through the gateway, answered by the service (any status: the request is what counts). */
    private static final Map<String, String> ONE_READ_PER_SERVICE = Map.of(
            "beneficiary", "/api/v1/beneficiaries", "partner", "/api/v1/partners",
            "training", "/api/v1/training/programmes", "aid", "/api/v1/aid/programmes", "webhook", "/api/v1/webhooks/endpoints");

    /** partner-service consumes no topic (README, the topic table), so it has no consumer metrics to show. */
    private static final Set<String> CONSUMES_NOTHING = Set.of("partner");
    private static final Duration GAUGE_PERIOD = Duration.ofSeconds(30);

    private static final Map<String, Set<String>> scraped = new LinkedHashMap<>();
    private static final Map<String, String> urls = new LinkedHashMap<>();
    private static Path root;

    @BeforeAll
    static void requestEachServiceThenScrapeEveryProcess() throws IOException {
        RunningPlatform platform = SharedPlatform.get();
        root = platform.root();
        for (String path : ONE_READ_PER_SERVICE.values()) {
            given().auth().oauth2(KeycloakTokens.admin()).when().get(path).then().statusCode(200);
        }
        Path dumps = Files.createDirectories(root.resolve("system-tests/target/monitoring-scrapes"));
        RunningPlatform.SERVICES.forEach(s -> urls.put(s + "-service", platform.serviceUrl(s)));
        urls.put("gateway", platform.gatewayUrl());
        for (Map.Entry<String, String> app : urls.entrySet()) {
            String text = given().baseUri(app.getValue()).when().get("/q/metrics").then().statusCode(200).extract().asString();
            Files.writeString(dumps.resolve(app.getKey() + ".prom"), text);
            scraped.put(app.getKey(), sampleNames(text));
        }
    }

    @Test
    void everyMetricAnAlertOrAPanelNamesIsPublishedByARunningApp() throws IOException {
        Map<String, Set<String>> named = new TreeMap<>();
        alertExpressions().forEach((where, expr) -> metricNames(expr).forEach(m -> named.computeIfAbsent(m, k -> new TreeSet<>()).add(where)));
        panelExpressions().forEach((where, expr) -> metricNames(expr).forEach(m -> named.computeIfAbsent(m, k -> new TreeSet<>()).add(where)));
        assertTrue(named.size() > 20, "metrics found in the rules and dashboards: " + named.keySet());
        Set<String> published = new TreeSet<>();
        scraped.values().forEach(published::addAll);
        List<String> missing = new ArrayList<>();
        named.forEach((metric, where) -> {
            if (!SYNTHETIC.contains(metric) && NOT_STARTED_HERE.stream().noneMatch(metric::startsWith) && !published.contains(metric)) {
                missing.add(metric + " (named by " + where + ")");
            }
        });
        assertEquals(List.of(), missing, "scrapes in system-tests/target/monitoring-scrapes");
    }

    @Test
    void everyMetricOfThePerServiceDashboardIsPublishedByEachService() throws IOException {
        Set<String> named = new TreeSet<>();
        panelExpressions().forEach((where, expr) -> {
            if (where.startsWith("atensi-services.json")) {
                named.addAll(metricNames(expr));
            }
        });
        named.removeAll(SYNTHETIC);
        List<String> missing = new ArrayList<>();
        for (String service : RunningPlatform.SERVICES) {
            for (String metric : named) {
                boolean consumerMetric = metric.startsWith("atensi_events_");
                if (!(consumerMetric && CONSUMES_NOTHING.contains(service)) && !scraped.get(service + "-service").contains(metric)) {
                    missing.add(service + "-service: " + metric);
                }
            }
        }
        assertEquals(List.of(), missing, "scrapes in system-tests/target/monitoring-scrapes");
    }

    @Test
    void everyAppReportsTheIdentityProviderReachableOnceItHasProbedIt() {
        for (String app : urls.keySet()) {
            // The first scrape starts the probe and reports NaN; a later one reports its outcome.
            await(app + " atensi_identity_provider_reachable").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> sample(app, "atensi_identity_provider_reachable"), value -> value == 1.0);
        }
    }

    @Test
    void theProgrammeGaugeCountsAPersonRegisteredThroughTheGateway() {
        double before = sample("beneficiary-service", "atensi_programme_beneficiaries");
        String nik = "320101" + "540388" + "%04d".formatted(new Random(22).nextInt(1, 10000));
        given().auth().oauth2(KeycloakTokens.admin()).contentType(ContentType.JSON)
                .body("""
                        {"fullName": "Dewi Lestari", "nik": "%s", "birthDate": "1988-03-14", "sex": "FEMALE"}
                        """.formatted(nik))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201);
        await("atensi_programme_beneficiaries above " + before).atMost(GAUGE_PERIOD.multipliedBy(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> sample("beneficiary-service", "atensi_programme_beneficiaries"), value -> value >= before + 1);
    }

    @Test
    void theMetricNameReaderFindsMetricsAndNotFunctionsLabelsStringsOrDurations() {
        assertEquals(Set.of("a_total", "b_bucket", "c"), metricNames("""
                label_replace(sum by (service, le) (rate(a_total{job="x", uri!~"/q/.*"}[5m])), "topic", "atensi.$1.events", "service", "(.*)")
                / on (service) group_left histogram_quantile(0.99, b_bucket) > bool 1e3 unless c offset 1d"""));
    }

    /** The value of a sample without labels in an app's scrape now. */
    private static double sample(String app, String metric) {
        String text = given().baseUri(urls.get(app)).when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + " ")) {
                return Double.parseDouble(line.substring(metric.length() + 1).strip());
            }
        }
        throw new AssertionError(app + " publishes no " + metric);
    }

    /** The names of the samples in a Prometheus text exposition. */
    private static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** The metric names a PromQL expression reads: strings, label matchers, ranges and grouping labels taken out first. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " $1 ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])[a-zA-Z_:][\\w:]*").matcher(s);
        while (m.find()) {
            String rest = s.substring(m.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static Map<String, String> alertExpressions() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, String> expressions = new TreeMap<>();
        try (var files = Files.list(root.resolve("deploy/k8s/monitoring/alerts"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode group : yaml.readTree(file.toFile()).path("spec").path("groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        expressions.put(file.getFileName() + " " + rule.path("alert").asText(rule.path("record").asText()), rule.path("expr").asText());
                    }
                }
            }
        }
        return expressions;
    }

    private static Map<String, String> panelExpressions() {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> expressions = new TreeMap<>();
        try (var files = Files.list(root.resolve("deploy/k8s/monitoring/dashboards"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode panel : json.readTree(file.toFile()).path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        expressions.put(file.getFileName() + " '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                                target.path("expr").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expressions;
    }
}
