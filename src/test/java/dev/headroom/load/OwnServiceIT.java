package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.results.StepsCsvFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own service as the target: real runs against HTTP services Headroom did not write,
 * started on loopback by the test, with their own scenario files of requests.
 */
class OwnServiceIT {
    private static final Path SCENARIOS = Path.of("src", "test", "resources", "scenarios");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aServiceWithoutAMetricsEndpointGetsClientSideFiguresAndTheGapIsSaid() throws Exception {
        assumeTrue(ForeignService.onPath("python3"), "python3 is not on the PATH");
        Path site = Files.createDirectories(work.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>not Headroom</title>");
        Files.writeString(site.resolve("data.json"), "{\"items\":[1,2,3]}");
        try (ForeignService python = ForeignService.pythonFiles(site, work)) {
            String target = python.url("").toString();
            GatlingProcess gatling = GatlingProcess.start(
                    work, Map.of("headroom.scenario", scenario("own-files"), "headroom.target", target));
            int exit = gatling.waitFor(180);
            String out = gatling.output();
            assertThat(exit).as(out).isZero();

            // the target and the highest rate are said before the first request (the reachability check)
            int announced = out.indexOf("headroom: target: " + target + "; highest rate: 40 req/s");
            assertThat(announced).as(out).isNotNegative();
            assertThat(announced).isLessThan(out.indexOf("checking that your service answers"));

            Path run = onlyRun();
            JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
            assertThat(runJson.get("status").asText()).as(out).isEqualTo("completed");
            assertThat(runJson.at("/scenario/requests/0/name").asText()).isEqualTo("page");
            assertThat(runJson.at("/integrity/evaluated").asBoolean(true)).isFalse();
            // no metrics endpoint: every server-side figure is missing, and run.json says so and why
            assertThat(runJson.at("/server_figures/not_measured"))
                    .extracting(JsonNode::asText)
                    .contains("app_cpu_cores", "pool_active_avg", "server_rps", "app_memory_mib_max");
            assertThat(runJson.at("/server_figures/why").toString()).contains("no metrics endpoint");
            assertThat(out).contains("server-side figures not measured");

            List<CSVRecord> steps = StepsCsvFiles.read(run);
            assertThat(steps).hasSize(2);
            long okPages = 0;
            for (CSVRecord step : steps) {
                double offered = Double.parseDouble(step.get("offered_rps"));
                assertThat(step.get("valid")).as(step.toString()).isEqualTo("true");
                assertThat(Double.parseDouble(step.get("throughput_rps")))
                        .as(step.toString())
                        .isCloseTo(offered, within(offered * 0.15));
                assertThat(Double.parseDouble(step.get("error_ratio"))).isZero();
                assertThat(step.get("app_cpu_cores")).isEmpty();
                assertThat(step.get("server_rps")).isEmpty();
            }
            JsonNode stepsJson = JSON.readTree(run.resolve("steps.json").toFile());
            for (JsonNode step : stepsJson) {
                assertThat(step.get("by_endpoint").fieldNames()).toIterable().containsExactlyInAnyOrder("page", "data");
                okPages += step.at("/by_endpoint/page/ok").asLong();
            }
            // the service's own log: it answered at least every page the injector counted as a success,
            // and the query's placeholder was filled in afresh (many different values of n)
            String log = python.log();
            assertThat(count(log, Pattern.compile("\"GET /index\\.html HTTP/1\\.1\" 200")))
                    .isGreaterThanOrEqualTo(okPages);
            assertThat(Pattern.compile("GET /data\\.json\\?n=(\\d+) ")
                            .matcher(log)
                            .results()
                            .map(m -> m.group(1))
                            .distinct()
                            .count())
                    .isGreaterThan(20);
        }
    }

    @Test
    void aServiceWithAPrometheusEndpointAlsoGetsItsCpuAndMemory() throws Exception {
        boolean required = "1".equals(System.getenv("HEADROOM_REQUIRE_PROMETHEUS"));
        if (required)
            assertThat(ForeignService.onPath("prometheus"))
                    .as("prometheus on the PATH")
                    .isTrue();
        assumeTrue(ForeignService.onPath("prometheus"), "prometheus is not on the PATH");
        try (ForeignService prometheus = ForeignService.prometheus(work)) {
            String target = prometheus.url("").toString();
            GatlingProcess gatling = GatlingProcess.start(
                    work,
                    Map.of(
                            "headroom.scenario", scenario("own-prometheus"),
                            "headroom.target", target,
                            "headroom.target.metrics",
                                    prometheus.url("/metrics").toString()));
            int exit = gatling.waitFor(180);
            String out = gatling.output();
            assertThat(exit).as(out).isZero();

            Path run = onlyRun();
            JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
            assertThat(runJson.get("status").asText()).as(out).isEqualTo("completed");
            // CPU and memory from the standard process metrics; no pool, no Tomcat: said, not guessed
            assertThat(runJson.at("/server_figures/not_measured"))
                    .extracting(JsonNode::asText)
                    .contains("pool_active_avg", "tomcat_busy_threads_avg", "db_cpu_cores")
                    .doesNotContain("app_cpu_cores", "app_memory_mib_max");
            assertThat(runJson.at("/server_figures/why").toString()).contains("does not expose them");

            List<CSVRecord> steps = StepsCsvFiles.read(run);
            assertThat(steps).hasSize(2);
            for (CSVRecord step : steps) {
                assertThat(step.get("valid")).as(step.toString()).isEqualTo("true");
                assertThat(Double.parseDouble(step.get("error_ratio"))).isZero();
                // a Go server at 20-40 req/s: busy, but far from a core
                assertThat(Double.parseDouble(step.get("app_cpu_cores")))
                        .isPositive()
                        .isLessThan(1.0);
                // Prometheus's resident memory: tens of MiB, never more than the host has
                assertThat(Double.parseDouble(step.get("app_memory_mib_max"))).isBetween(5.0, 4096.0);
            }
            JsonNode stepsJson = JSON.readTree(run.resolve("steps.json").toFile());
            assertThat(stepsJson.get(0).get("by_endpoint").fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("healthy", "query");
        }
    }

    @Test
    void aRemoteTargetWithoutTheOptInIsRefusedBeforeAnyRequest() throws Exception {
        GatlingProcess gatling = GatlingProcess.start(
                work, Map.of("headroom.scenario", scenario("own-files"), "headroom.target", "http://192.0.2.10:8080"));
        assertThat(gatling.waitFor(120)).isNotZero();
        assertThat(gatling.output())
                .contains("192.0.2.10 is not a loopback address")
                .contains("-Dheadroom.allow.remote=true")
                .doesNotContain("checking that your service answers")
                .doesNotContain("sending load");
        assertThat(work.resolve("results")).doesNotExist();
    }

    @Test
    void aScenarioOfOwnRequestsWithoutATargetIsRefusedBeforeAnythingStarts() throws Exception {
        GatlingProcess gatling = GatlingProcess.start(work, Map.of("headroom.scenario", scenario("own-files")));
        assertThat(gatling.waitFor(120)).isNotZero();
        assertThat(gatling.output()).contains("own-files.yaml").contains("-Dheadroom.target=http://127.0.0.1:PORT");
        assertThat(gatling.output()).doesNotContain("starting the database");
        assertThat(work.resolve("results")).doesNotExist();
    }

    private static long count(String text, Pattern p) {
        Matcher m = p.matcher(text);
        long n = 0;
        while (m.find()) n++;
        return n;
    }

    private static String scenario(String name) {
        return SCENARIOS.resolve(name + ".yaml").toAbsolutePath().toString();
    }

    private Path onlyRun() throws Exception {
        try (var runs = Files.list(work.resolve("results"))) {
            List<Path> dirs = runs.filter(p -> !p.getFileName().toString().equals("latest"))
                    .filter(Files::isDirectory)
                    .toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }
}
