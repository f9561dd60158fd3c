package id.atensi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/k8s/monitoring: a ServiceMonitor that scrapes /q/metrics of every app's Service (rules: AlertRulesTest, dashboards: DashboardsTest). */
class MonitoringTest {

    @Test
    void theServiceMonitorParsesWithNoUnknownFieldAndSelectsEveryAppServiceOnItsHttpPort() throws Exception {
        List<ObjectNode> objects = Objects.ofKind(Kustomize.render("monitoring"), "ServiceMonitor");
        assertEquals(1, objects.size(), "one ServiceMonitor");
        ObjectNode monitor = objects.get(0);
        ServiceMonitor typed = Yaml.STRICT.treeToValue(monitor, ServiceMonitor.class);
        assertEquals(List.of(), UnknownFields.of(typed));
        assertEquals("/q/metrics", typed.getSpec().getEndpoints().get(0).getPath());
        assertTrue(typed.getSpec().getEndpoints().get(0).getHonorLabels(),
                "the services' own `service` label is kept (the alerts group by it), not renamed exported_service");
        String port = typed.getSpec().getEndpoints().get(0).getPort();
        List<String> problems = new ArrayList<>();
        for (String target : Kustomize.TARGETS) {
            for (ObjectNode service : Objects.ofKind(Kustomize.render(target), "Service")) {
                JsonNode labels = service.path("metadata").path("labels");
                boolean selected = typed.getSpec().getSelector().getMatchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(labels.path(e.getKey()).asText()))
                        && typed.getSpec().getSelector().getMatchExpressions().stream()
                                .allMatch(x -> x.getOperator().equals("In") && x.getValues().contains(labels.path(x.getKey()).asText()));
                boolean hasPort = service.path("spec").path("ports").toString().contains("\"name\":\"" + port + "\"");
                if (!selected || !hasPort) {
                    problems.add(target + ": " + Objects.id(service) + " is not scraped (selected " + selected + ", port " + hasPort + ")");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(Kustomize.render("base").stream().noneMatch(o -> o.path("kind").asText().equals("ServiceMonitor")),
                "the base needs no Prometheus Operator CRDs");
    }
}
