package dev.headroom.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.headroom.service.OrderServiceApplication;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.StreamSupport;

/** The deployment files as they are in the repository (tests run from its root). */
final class DeployFiles {
    static final Path COMPOSE = Path.of("docker-compose.yml");
    static final Path PROMETHEUS = Path.of("docker/prometheus/prometheus.yml");
    static final Path GRAFANA_DATASOURCES = Path.of("docker/grafana/provisioning/datasources/prometheus.yml");
    static final Path GRAFANA_DASHBOARDS = Path.of("docker/grafana/provisioning/dashboards/headroom.yml");
    static final Path DASHBOARD = Path.of("docker/grafana/dashboards/headroom.json");
    static final Path RESOURCES = Path.of("src/main/resources");

    /** The compose service of the reference service; Prometheus scrapes it by this name. */
    static final String SERVICE = "service";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {}

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@code headroom-service.properties}, or {@code headroom-service-<profile>.properties}. */
    static Properties springProperties(String profile) {
        Path file = springPropertiesFile(profile);
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return props;
    }

    static Path springPropertiesFile(String profile) {
        return RESOURCES.resolve(
                profile.isEmpty()
                        ? OrderServiceApplication.CONFIG_NAME + ".properties"
                        : OrderServiceApplication.CONFIG_NAME + "-" + profile + ".properties");
    }

    static int managementPort() {
        return Integer.parseInt(springProperties("").getProperty("management.server.port"));
    }

    /** The PromQL of every query of every panel, rows' nested panels included. */
    static List<String> dashboardExprs(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        return exprs;
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            StreamSupport.stream(panel.path("panels").spliterator(), false).forEach(all::add);
        }
        return all;
    }
}
