package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.lab.LinuxProcesses;
import dev.headroom.lab.PrometheusProcess;
import dev.headroom.metrics.PromQueries;
import dev.headroom.results.StepsCsvFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scenario run twice on the real lab, once with a Prometheus that Headroom starts as the
 * source of the server figures and once sampling the actuator directly: per step, the service's
 * request rate agrees within {@link #TOLERANCE} between the two runs, and within the Prometheus run,
 * Prometheus agrees with Headroom's own scrape of the same window (CPU and request rate) within
 * {@link #TOLERANCE}. The service's CPU across two runs is two JVMs, not two sources: it is held to
 * {@link #ACROSS_RUNS_CPU_TOLERANCE}, which still fails a source that reads the wrong unit or window. Needs the
 * {@code prometheus} binary; without it the test is skipped, unless {@code
 * HEADROOM_REQUIRE_PROMETHEUS=1} (CI), where its absence is a failure.
 */
class PrometheusSourceIT {
    /** The bound for both comparisons. */
    static final double TOLERANCE = 0.10;

    /**
     * Two JVMs of the same build on the same host, both C1-only with 4 ms of deterministic CPU per
     * order, still differed by 26 % in one clean-clone CI run (2026-12-03: 0.528 against 0.419 cores
     * at 150 req/s, 0.637 against 0.509 at 200), while within that Prometheus run the two sources
     * of one window differed by 0.05 % and 0.15 %. So the source is judged in-run at {@link
     * #TOLERANCE}; across runs the bound only has to fail a wrong unit or window, which is off by a
     * factor of 2 or more (a rate over twice the window, per-core against per-process): 40 %.
     */
    static final double ACROSS_RUNS_CPU_TOLERANCE = 0.40;

    /** Deterministic CPU per order, about 0.24 cores at 200 req/s: why, in the scenario file. */
    static final long EXTRA_CPU_US_PER_ORDER = 4_000;

    /**
     * The JVMs of both runs compile with C1 only: C2's recompilations come in bursts for minutes and
     * made two runs of the same service differ by up to 40 % (why, in the scenario file). The service
     * inherits the variable from the Gatling JVM that starts it.
     */
    static final Map<String, String> C1_ONLY = Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");

    private static final Path SCENARIO = Path.of("src", "test", "resources", "scenarios", "prometheus-agreement.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void prometheusAndDirectSamplingGiveTheSameCpuAndRequestRatePerStep() throws Exception {
        requirePrometheus();
        Run prometheus = run("start");
        Run direct = run("off");

        assertThat(prometheus.json.at("/metrics/source").asText()).isEqualTo("prometheus");
        assertThat(prometheus.json.at("/metrics/started_by_headroom").asBoolean())
                .isTrue();
        assertThat(prometheus.json.at("/metrics/prometheus_version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(prometheus.json.at("/metrics/scrape_interval_s").asDouble()).isEqualTo(1.0);
        assertThat(prometheus.json.at("/metrics/queries").size()).isEqualTo(PromQueries.Figure.values().length);
        assertThat(prometheus.dir.resolve(PrometheusProcess.CONFIG_FILE)).isRegularFile();
        assertThat(Files.readString(prometheus.dir.resolve(PrometheusProcess.LOG_FILE)))
                .contains("Server is ready to receive web requests");
        for (Run r : List.of(prometheus, direct)) {
            assertThat(r.json.at("/settings/service_extra_cpu_us_per_order").asLong())
                    .isEqualTo(EXTRA_CPU_US_PER_ORDER);
            // the service JVM, not only the injector's, compiled with C1 only
            assertThat(Files.readString(r.dir.resolve("service.log")))
                    .contains("Picked up JAVA_TOOL_OPTIONS: " + C1_ONLY.get("JAVA_TOOL_OPTIONS"));
        }
        assertThat(direct.json.at("/metrics/source").asText()).isEqualTo("direct");
        assertThat(direct.json.at("/metrics/why").asText()).contains("off");

        List<CSVRecord> p = prometheus.steps();
        List<CSVRecord> d = direct.steps();
        assertThat(p).hasSameSizeAs(d).isNotEmpty();
        JsonNode pJson = JSON.readTree(prometheus.dir.resolve("steps.json").toFile());
        StringBuilder table = new StringBuilder("step, cpu prometheus run, cpu direct run, rps prometheus run,"
                + " rps direct run, in-run cpu difference, in-run rps difference\n");
        for (int i = 0; i < p.size(); i++) {
            CSVRecord ps = p.get(i);
            CSVRecord ds = d.get(i);
            JsonNode check = pJson.get(i).at("/server/cross_check");
            table.append(String.join(
                            ", ",
                            ps.get("step"),
                            ps.get("app_cpu_cores"),
                            ds.get("app_cpu_cores"),
                            ps.get("server_rps"),
                            ds.get("server_rps"),
                            check.at("/app_cpu_cores/relative_difference").asText(),
                            check.at("/server_rps/relative_difference").asText()))
                    .append('\n');
        }
        System.out.println("PrometheusSourceIT:\n" + table);
        for (int i = 0; i < p.size(); i++) {
            CSVRecord ps = p.get(i);
            CSVRecord ds = d.get(i);
            String where = "step " + ps.get("step") + "\n" + table;
            // a step on a saturated host measured the neighbours too: rerun, never loosen
            assertThat(ps.get("valid")).as(where + ps.get("invalid_reason")).isEqualTo("true");
            assertThat(ds.get("valid")).as(where + ds.get("invalid_reason")).isEqualTo("true");
            assertThat(ps.get("app_cpu_source")).as(where).isEqualTo("prometheus");
            assertThat(ds.get("app_cpu_source")).as(where).isEqualTo("actuator");
            JsonNode server = pJson.get(i).get("server");
            assertThat(server.get("notes")).as(where + server.get("notes")).isEmpty();
            for (PromQueries.Figure figure : PromQueries.Figure.values()) {
                assertThat(server.get(figure.column()).isNumber())
                        .as(where + figure.column())
                        .isTrue();
            }

            assertWithin(
                    where + "service CPU, across runs",
                    number(ps, "app_cpu_cores"),
                    number(ds, "app_cpu_cores"),
                    ACROSS_RUNS_CPU_TOLERANCE);
            assertWithin(
                    where + "server req/s, across runs", number(ps, "server_rps"), number(ds, "server_rps"), TOLERANCE);
            JsonNode check = server.get("cross_check");
            assertThat(check.get("app_cpu_direct_source").asText()).isEqualTo("actuator");
            assertWithin(
                    where + "service CPU, in the Prometheus run",
                    check.at("/app_cpu_cores/prometheus").asDouble(),
                    check.at("/app_cpu_cores/direct").asDouble(),
                    TOLERANCE);
            assertWithin(
                    where + "server req/s, in the Prometheus run",
                    check.at("/server_rps/prometheus").asDouble(),
                    check.at("/server_rps/direct").asDouble(),
                    TOLERANCE);
        }
        assertNoProcessLeft(prometheus);
        assertNoProcessLeft(direct);
    }

    /** Skips without the binary, or fails when HEADROOM_REQUIRE_PROMETHEUS=1 (CI). */
    static void requirePrometheus() {
        if (PrometheusProcess.onPath().isPresent()) return;
        if ("1".equals(System.getenv("HEADROOM_REQUIRE_PROMETHEUS"))) {
            fail("HEADROOM_REQUIRE_PROMETHEUS=1, but there is no prometheus executable on the PATH ("
                    + System.getenv("PATH") + "): install it (apt-get install prometheus)");
        }
        assumeTrue(false, "prometheus is not on the PATH: the Prometheus source is not tested here");
    }

    private static void assertWithin(String what, double measured, double reference, double tolerance) {
        assertThat(reference).as(what).isPositive();
        assertThat(Math.abs(measured - reference) / reference)
                .as("%s: %.4f against %.4f", what, measured, reference)
                .isLessThanOrEqualTo(tolerance);
    }

    private static double number(CSVRecord step, String column) {
        return Double.parseDouble(step.get(column));
    }

    private record Run(Path dir, JsonNode json) {
        List<CSVRecord> steps() throws Exception {
            return StepsCsvFiles.read(dir);
        }
    }

    private Run run(String prometheus) throws Exception {
        Path home = Files.createDirectories(work.resolve(prometheus));
        GatlingProcess gatling = GatlingProcess.start(
                home,
                Map.of(
                        "headroom.scenario",
                        SCENARIO.toAbsolutePath().toString(),
                        "headroom.prometheus",
                        prometheus,
                        // the host's speed is not compared here: six seconds saved per run
                        "headroom.calibration",
                        "off",
                        // a steady CPU signal above the JIT's bursts: see the scenario file
                        "headroom.service.extra-cpu-us-per-order",
                        Long.toString(EXTRA_CPU_US_PER_ORDER)),
                C1_ONLY);
        int exit = gatling.waitFor(600);
        String out = gatling.output();
        assertThat(exit).as(out).isZero();
        Path dir = home.resolve("results").resolve("latest").toRealPath();
        JsonNode json = JSON.readTree(dir.resolve("run.json").toFile());
        assertThat(json.get("status").asText()).as(out).isEqualTo("completed");
        return new Run(dir, json);
    }

    /** The service, the database and Prometheus are gone, and no process still reads this run's configuration. */
    private static void assertNoProcessLeft(Run run) throws Exception {
        Thread.sleep(500);
        for (String pointer : List.of("/lab/service/pid", "/lab/database/server_pid", "/metrics/prometheus_pid")) {
            long pid = run.json.at(pointer).asLong();
            if (pointer.startsWith("/metrics") && pid == 0) continue; // the direct run started none
            assertThat(pid).as(pointer).isPositive();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("%s %d still running", pointer, pid)
                    .isFalse();
        }
        if (run.json.at("/metrics/started_by_headroom").asBoolean()) {
            assertThat(Path.of(run.json.at("/metrics/data_dir").asText())).doesNotExist();
        }
        assertThat(LinuxProcesses.findByCommandLine(List.of(run.dir
                        .resolve(PrometheusProcess.CONFIG_FILE)
                        .toAbsolutePath()
                        .toString())))
                .isEmpty();
    }
}
