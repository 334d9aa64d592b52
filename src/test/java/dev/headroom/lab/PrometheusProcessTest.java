package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusProcessTest {
    @TempDir
    Path tmp;

    @Test
    void theConfigurationScrapesOnlyTheTargetEverySecond() throws Exception {
        String yaml = PrometheusProcess.config(URI.create("http://127.0.0.1:41234/actuator/prometheus"));
        JsonNode config = new YAMLMapper().readTree(yaml);
        assertThat(config.at("/scrape_configs")).hasSize(1);
        JsonNode job = config.at("/scrape_configs/0");
        assertThat(job.path("job_name").asText()).isEqualTo("service");
        assertThat(job.path("scrape_interval").asText()).isEqualTo("1s");
        assertThat(job.path("scrape_timeout").asText()).isEqualTo("1s");
        assertThat(job.path("scheme").asText()).isEqualTo("http");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(job.at("/static_configs/0/targets/0").asText()).isEqualTo("127.0.0.1:41234");
    }

    @Test
    void anIpv6TargetKeepsItsBracketsAndAQueryBecomesParams() throws Exception {
        JsonNode job = new YAMLMapper()
                .readTree(PrometheusProcess.config(URI.create("https://[::1]/metrics?format=prometheus")))
                .at("/scrape_configs/0");
        assertThat(job.at("/static_configs/0/targets/0").asText()).isEqualTo("[::1]:443");
        assertThat(job.path("scheme").asText()).isEqualTo("https");
        assertThat(job.at("/params/format/0").asText()).isEqualTo("prometheus");
    }

    /** Prometheus's own checker, when it is installed, accepts what Headroom generates. */
    @Test
    void promtoolAcceptsTheConfiguration() throws Exception {
        Optional<Path> promtool = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeThat(promtool).as("promtool is not on the PATH").isPresent();
        Path file = tmp.resolve("prometheus.yml");
        Files.writeString(file, PrometheusProcess.config(URI.create("http://127.0.0.1:8081/actuator/prometheus")));
        Process p = new ProcessBuilder(promtool.get().toString(), "check", "config", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void theBinaryIsTheFirstExecutableOnThePath() throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Path c = Files.createDirectory(tmp.resolve("c"));
        Files.writeString(a.resolve("prometheus"), "not executable");
        Path inB = Files.writeString(b.resolve("prometheus"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(inB, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path inC = Files.writeString(c.resolve("prometheus"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(inC, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = String.join(File.pathSeparator, a.toString(), "", b.toString(), c.toString());
        assertThat(PrometheusProcess.findOnPath(path)).hasValue(inB);
        assertThat(PrometheusProcess.findOnPath(a.toString())).isEmpty();
        assertThat(PrometheusProcess.findOnPath(null)).isEmpty();
    }

    /** An answer of Prometheus 2.42's /api/v1/targets?state=active, trimmed to the fields read. */
    @Test
    void theTargetIsUpOnlyWhenPrometheusSaysSo() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String target =
                """
                {"status":"success","data":{"activeTargets":[{"labels":{"instance":"127.0.0.1:8081",\
                "job":"service"},"scrapePool":"service","scrapeUrl":"http://127.0.0.1:8081/actuator/prometheus",\
                "lastError":"%s","health":"%s","scrapeInterval":"1s"}],"droppedTargets":[]}}""";
        assertThat(PrometheusProcess.targetState(json.readTree(target.formatted("", "up"))))
                .hasValue("up");
        assertThat(PrometheusProcess.targetState(json.readTree(target.formatted("", "unknown"))))
                .hasValue("unknown");
        assertThat(PrometheusProcess.targetState(json.readTree(target.formatted(
                        "Get \\\"http://127.0.0.1:8081/actuator/prometheus\\\": connection refused", "down"))))
                .hasValue("down: Get \"http://127.0.0.1:8081/actuator/prometheus\": connection refused");
        assertThat(PrometheusProcess.targetState(
                        json.readTree("{\"status\":\"success\",\"data\":{\"activeTargets\":[]}}")))
                .isEmpty();
    }
}
