package dev.headroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grafana's provisioning and the Headroom dashboard agree with each other and with the compose file. */
class GrafanaDashboardTest {
    private static final JsonNode DASHBOARD = DeployFiles.json(DeployFiles.DASHBOARD);

    @Test
    void theDataSourceIsTheComposePrometheusWithAFixedUid() {
        JsonNode datasources = DeployFiles.yaml(DeployFiles.GRAFANA_DATASOURCES).path("datasources");

        assertThat(datasources).hasSize(1);
        JsonNode prometheus = datasources.get(0);
        assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
        assertThat(prometheus.path("uid").asText()).isNotBlank();
        assertThat(prometheus.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(prometheus.path("jsonData").path("timeInterval").asText()).isEqualTo("1s");
    }

    @Test
    void everyPanelAndQueryUsesTheProvisionedDataSourceByUid() {
        Set<String> uids = new HashSet<>();
        DeployFiles.yaml(DeployFiles.GRAFANA_DATASOURCES)
                .path("datasources")
                .forEach(d -> uids.add(d.path("uid").asText()));
        List<JsonNode> panels = DeployFiles.panels(DASHBOARD);

        assertThat(panels).isNotEmpty();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isIn(uids);
            assertThat(panel.path("targets")).as(title + ": queries").isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText())
                        .as(title + " " + target.path("refId").asText())
                        .isIn(uids);
                assertThat(target.path("expr").asText()).as(title).isNotBlank();
            }
        }
    }

    @Test
    void theDashboardCoversWhatTheLabMeasures() {
        assertThat(DASHBOARD.path("title").asText()).isEqualTo("Headroom");
        assertThat(DASHBOARD.path("schemaVersion").asInt()).isBetween(36, 41);
        Set<String> names = new HashSet<>();
        DeployFiles.dashboardExprs(DASHBOARD).forEach(e -> names.addAll(PromQl.metricNames(e)));

        assertThat(names)
                .contains(
                        "http_server_requests_seconds_count",
                        "http_server_requests_seconds_bucket",
                        "process_cpu_time_ns_total",
                        "hikaricp_connections_active",
                        "hikaricp_connections_pending",
                        "hikaricp_connections_idle",
                        "hikaricp_connections_acquire_seconds_sum",
                        "hikaricp_connections_acquire_seconds_count",
                        "tomcat_threads_busy_threads",
                        "jvm_gc_pause_seconds_sum",
                        "jvm_gc_pause_seconds_count");
        assertThat(DeployFiles.dashboardExprs(DASHBOARD))
                .filteredOn(e -> e.contains("http_server_requests"))
                .allSatisfy(e -> assertThat(e).contains("uri!~\"/actuator.*\""));
        assertThat(DeployFiles.dashboardExprs(DASHBOARD))
                .filteredOn(e -> e.contains("histogram_quantile"))
                .extracting(e -> e.substring(e.indexOf('(') + 1, e.indexOf(',')))
                .containsExactly("0.5", "0.95", "0.99");
    }

    @Test
    void grafanaLoadsTheDashboardFromTheFolderTheComposeFileMounts() {
        JsonNode provider = DeployFiles.yaml(DeployFiles.GRAFANA_DASHBOARDS)
                .path("providers")
                .get(0);
        String inContainer = provider.path("options").path("path").asText();
        String grafanaVolumes = DeployFiles.yaml(DeployFiles.COMPOSE)
                .path("services")
                .path("grafana")
                .path("volumes")
                .toString();

        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(grafanaVolumes)
                .contains("./" + DeployFiles.DASHBOARD.getParent() + ":" + inContainer)
                .contains("./" + Path.of("docker/grafana/provisioning") + ":/etc/grafana/provisioning");
    }
}
