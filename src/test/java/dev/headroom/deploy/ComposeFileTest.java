package dev.headroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml read as data: what `docker compose up` would start, checked without Docker. */
class ComposeFileTest {
    private static final JsonNode COMPOSE = DeployFiles.yaml(DeployFiles.COMPOSE);
    private static final JsonNode SERVICES = COMPOSE.path("services");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?}");

    @Test
    void theStackIsTheDatabaseTheServiceAndItsMonitoring() {
        assertThat(names(SERVICES)).containsExactlyInAnyOrder("mysql", DeployFiles.SERVICE, "prometheus", "grafana");
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        for (Map.Entry<String, JsonNode> service : entries(SERVICES)) {
            String image = service.getValue().path("image").asText();
            assertThat(image).as(service.getKey() + ": image").isNotEmpty();
            if (service.getValue().has("build")) continue; // named for the local build
            assertThat(image).as(service.getKey()).contains(":");
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(tag)
                    .as(service.getKey() + ": tag")
                    .isNotEqualTo("latest")
                    .containsPattern("[0-9]");
        }
    }

    @Test
    void theDatabaseIsTheOneTheLabsContainerDatabaseUses() throws Exception {
        String containerDatabase = Files.readString(Path.of("src/main/java/dev/headroom/lab/ContainerDatabase.java"));

        String image = SERVICES.path("mysql").path("image").asText();

        assertThat(image).startsWith("mysql:8.0.");
        assertThat(containerDatabase).contains("\"" + image + "\"");
    }

    @Test
    void everyBindMountedHostPathIsInTheRepository() {
        List<String> hostPaths = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : entries(SERVICES)) {
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.isTextual()
                        ? volume.asText().split(":")[0]
                        : volume.path("source").asText();
                if (source.startsWith(".") || source.startsWith("/")) hostPaths.add(source);
            }
        }

        assertThat(hostPaths)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(Path.of(p)).as("mounted host path").exists());
    }

    @Test
    void theServiceIsBuiltFromADockerfileThatStartsItsMainClass() throws Exception {
        JsonNode build = SERVICES.path(DeployFiles.SERVICE).path("build");
        Path dockerfile = Path.of(build.path("context").asText())
                .resolve(build.path("dockerfile").asText());

        String text = Files.readString(dockerfile);

        // the plain jar and the jars of the service's own classpath, not the command-line jar
        assertThat(text)
                .contains(
                        "FROM maven:3.9-eclipse-temurin-17 AS build",
                        "target/classpath/service.txt",
                        "/src/target/headroom.jar")
                .doesNotContain("headroom-cli.jar");
        Matcher entry = Pattern.compile("ENTRYPOINT \\[\"java\", \"-cp\", \"([^\"]+)\", \"([\\w.]+)\"]")
                .matcher(text);
        assertThat(entry.find())
                .as("ENTRYPOINT java -cp <classpath> <main class> in " + dockerfile)
                .isTrue();
        assertThat(entry.group(1).split(":")).containsExactly("/app/headroom.jar", "/app/lib/*");
        assertThat(Class.forName(entry.group(2)).getMethod("main", String[].class))
                .isNotNull();
    }

    @Test
    void portsArePublishedOnLoopbackOnly() {
        for (Map.Entry<String, JsonNode> service : entries(SERVICES)) {
            for (JsonNode port : service.getValue().path("ports")) {
                String published =
                        port.isTextual() ? port.asText() : port.path("host_ip").asText() + ":";
                assertThat(published).as(service.getKey() + ": port").startsWith("127.0.0.1:");
            }
        }
    }

    @Test
    void theServiceStartsOnceTheDatabaseIsHealthyAndReportsItsOwnReadiness() {
        JsonNode service = SERVICES.path(DeployFiles.SERVICE);

        assertThat(service.path("depends_on").path("mysql").path("condition").asText())
                .isEqualTo("service_healthy");
        assertThat(SERVICES.path("mysql").path("healthcheck").path("test").toString())
                .contains("mysqladmin ping");
        assertThat(service.path("healthcheck").path("test").toString())
                .contains("http://127.0.0.1:" + DeployFiles.managementPort() + "/actuator/health/readiness");
        assertThat(SERVICES.path("prometheus")
                        .path("depends_on")
                        .path(DeployFiles.SERVICE)
                        .path("condition")
                        .asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void theServicesProfileIsTheDatabaseServicesNameAndHasAPropertiesFile() {
        String profile = SERVICES.path(DeployFiles.SERVICE)
                .path("environment")
                .path("SPRING_PROFILES_ACTIVE")
                .asText();

        assertThat(profile).isEqualTo("mysql");
        assertThat(SERVICES.has(profile))
                .as("a compose service named like the profile")
                .isTrue();
        assertThat(DeployFiles.springPropertiesFile(profile)).exists();
    }

    @Test
    void theProfilesVariablesAreSetAndAgreeWithTheDatabase() {
        JsonNode serviceEnv = SERVICES.path(DeployFiles.SERVICE).path("environment");
        JsonNode mysqlEnv = SERVICES.path("mysql").path("environment");
        Map<String, String> placeholders = new TreeMap<>();
        DeployFiles.springProperties("mysql").forEach((key, value) -> {
            Matcher m = PLACEHOLDER.matcher((String) value);
            while (m.find()) placeholders.put(m.group(1), (String) key);
        });

        assertThat(placeholders).containsKeys("MYSQL_HOST", "MYSQL_DATABASE", "MYSQL_USER", "MYSQL_PASSWORD");
        placeholders.forEach((variable, key) -> assertThat(serviceEnv.has(variable))
                .as(variable + " (used by " + key + ") in the service's environment")
                .isTrue());
        assertThat(serviceEnv.path("MYSQL_HOST").asText()).isEqualTo("mysql");
        assertThat(serviceEnv.path("MYSQL_PORT").asText()).isEqualTo("3306");
        for (String shared : List.of("MYSQL_DATABASE", "MYSQL_USER", "MYSQL_PASSWORD")) {
            assertThat(serviceEnv.path(shared).asText())
                    .as(shared)
                    .isEqualTo(mysqlEnv.path(shared).asText());
        }
    }

    @Test
    void prometheusScrapesTheServiceEverySecondOnItsManagementPort() {
        JsonNode prometheus = DeployFiles.yaml(DeployFiles.PROMETHEUS);
        JsonNode job = null;
        for (JsonNode candidate : prometheus.path("scrape_configs")) {
            if (candidate.path("job_name").asText().equals(DeployFiles.SERVICE)) job = candidate;
        }

        assertThat(job).as("a scrape job named " + DeployFiles.SERVICE).isNotNull();
        assertThat(job.path("scrape_interval").asText()).isEqualTo("1s");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
        List<String> targets = new ArrayList<>();
        job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
        assertThat(targets).containsExactly(DeployFiles.SERVICE + ":" + DeployFiles.managementPort());
        assertThat(SERVICES.path("prometheus").path("volumes").toString())
                .contains("./" + DeployFiles.PROMETHEUS + ":/etc/prometheus/prometheus.yml");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }
}
