package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.cli.Main;
import dev.headroom.results.StepsCsvFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly comparison on real runs of the lab (the nightly-smoke scenario): two runs of this build
 * and one of a deliberately slower build of the reference service, which burns {@value
 * #EXTRA_CPU_US} µs of CPU in every order's transaction. The runs are made once and shared by the
 * tests; their noise is judged by the file measured for the scenario on the lab's host
 * (src/test/resources/scenarios/noise/nightly-smoke.json, see the README).
 */
class NightlyIT {
    static final Path SCENARIOS =
            Path.of("src", "test", "resources", "scenarios").toAbsolutePath();
    /**
     * Enough to push the service past its CPU at the reference load (create_order is 30 % of the
     * mix: about 9 ms more per request, on top of about 6): at 15 000 µs the slower build sometimes
     * kept up at 90 req/s, and its +66 % CPU per request and +1215 % p95 stayed within what three
     * noisy runs of the noise file allow (a flaky test, seen in CI); past saturation it cannot.
     */
    static final long EXTRA_CPU_US = 30000;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Path results;
    static Path first;
    static Path second;
    static Path slower;

    @BeforeAll
    static void threeRealRuns() throws Exception {
        results = work.resolve("results");
        first = run(Map.of());
        second = run(Map.of());
        slower = run(Map.of("headroom.service.extra-cpu-us-per-order", Long.toString(EXTRA_CPU_US)));
    }

    private static Path run(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put(
                "headroom.scenario", SCENARIOS.resolve("nightly-smoke.yaml").toString());
        GatlingProcess gatling = GatlingProcess.start(work, settings);
        int exit = gatling.waitFor(300);
        assertThat(exit).as(gatling.output()).isZero();
        Path run = results.resolve("latest").toRealPath();
        assertThat(JSON.readTree(run.resolve("run.json").toFile())
                        .path("status")
                        .asText())
                .as(gatling.output())
                .isEqualTo("completed");
        return run;
    }

    private static int headroom(StringWriter out, String... args) {
        return Main.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(out))
                .execute(args);
    }

    @Test
    void eachRunRecordsTheHostsSpeedAndItsBuild() throws Exception {
        for (Path run : List.of(first, second, slower)) {
            JsonNode env = JSON.readTree(run.resolve("run.json").toFile()).path("environment");
            JsonNode cal = env.path("calibration");
            assertThat(cal.path("status").asText()).as(cal.toString()).isEqualTo("measured");
            assertThat(cal.path("benchmark").asText()).endsWith("HostCalibrationBench.serviceMix");
            double perSecond = cal.path("ops_per_s").asDouble();
            double perCpuSecond = cal.path("ops_per_cpu_s").asDouble();
            assertThat(perSecond).isPositive();
            // one thread gets at most one CPU: per second of wall time it cannot beat per second of its CPU
            assertThat(perSecond).isLessThanOrEqualTo(perCpuSecond * 1.05);
            // a few seconds, not minutes
            assertThat(cal.path("duration_ms").asLong()).isBetween(3_000L, 30_000L);
        }
        JsonNode slow = JSON.readTree(slower.resolve("run.json").toFile());
        assertThat(slow.at("/lab/service/extra_cpu_us_per_order").asLong()).isEqualTo(EXTRA_CPU_US);
        assertThat(slow.at("/settings/service_extra_cpu_us_per_order").asLong()).isEqualTo(EXTRA_CPU_US);
        assertThat(JSON.readTree(first.resolve("run.json").toFile())
                        .at("/lab/service/extra_cpu_us_per_order")
                        .asLong())
                .isZero();
    }

    @Test
    void twoRunsOfTheSameBuildAreEquivalent() throws Exception {
        StringWriter out = new StringWriter();
        Path report = work.resolve("same");
        int exit = headroom(
                out,
                "compare",
                first.toString(),
                second.toString(),
                "--results",
                results.toString(),
                "--out",
                report.toString());
        assertThat(exit).as(out.toString()).isZero();
        JsonNode c = JSON.readTree(report.resolve("comparison.json").toFile());
        assertThat(c.path("verdict").asText()).as(out.toString()).isEqualTo("equivalent");
        assertThat(c.path("comparable").asBoolean()).isTrue();
        // judged against the measured noise, not the limits alone
        assertThat(c.path("noise").asText()).contains("nightly-smoke.json");
        assertThat(Files.readString(report.resolve("comparison.md"))).startsWith("## Headroom: equivalent");
    }

    @Test
    void aSlowerBuildIsARegressionAndTheGateExitsNonZero() throws Exception {
        StringWriter out = new StringWriter();
        Path report = work.resolve("slower");
        int exit = headroom(
                out,
                "compare",
                first.toString(),
                slower.toString(),
                "--results",
                results.toString(),
                "--out",
                report.toString());
        assertThat(exit).as(out.toString()).isEqualTo(Main.EXIT_REGRESSION);
        JsonNode c = JSON.readTree(report.resolve("comparison.json").toFile());
        assertThat(c.path("verdict").asText()).isEqualTo("regression");
        JsonNode cpu = figure(c, "cpu_ms_per_request");
        if (!cpu.path("candidate_at_baseline_host_speed").isNumber()) {
            // so slow that no step stayed valid (seen here): the gate fails on the new error finding
            assertThat(c.path("gate_failures").toString()).as(out.toString()).contains("new error finding");
        } else {
            // each order burned EXTRA_CPU_US more: with create_order 30 % of the mix, 0.3 x that per request;
            // the JIT's share of the CPU (about 5 ms per request at these rates) varies from run to run
            double expectedMs = 0.3 * EXTRA_CPU_US / 1000.0;
            double added = cpu.path("candidate_at_baseline_host_speed").asDouble()
                    - cpu.path("baseline").asDouble();
            assertThat(added).as(out.toString()).isBetween(0.45 * expectedMs, 2 * expectedMs);
            // the slower build falls behind at 90 req/s: latency and hold time far beyond their noise
            assertThat(c.path("gate_failures").toString())
                    .containsAnyOf(
                            "p95 latency rose",
                            "connection hold time rose",
                            "capacity at SLO dropped",
                            "service CPU per request rose",
                            "new error finding");
        }
        assertThat(c.path("notes").toString()).contains("deliberately slower build");
        // the command as CI runs it: a JVM of its own, and its exit code
        assertThat(cli(
                        "compare",
                        first.toString(),
                        slower.toString(),
                        "--results",
                        results.toString(),
                        "--out",
                        work.resolve("cli").toString()))
                .isEqualTo(Main.EXIT_REGRESSION);
    }

    /** Gatling-style assertions fail a single run, with no baseline: its own status and exit code. */
    @Test
    void aScenarioAssertionThatDoesNotHoldFailsTheRunButKeepsItsSteps() throws Exception {
        Path dir = Files.createDirectories(work.resolve("asserted"));
        Path scenario = dir.resolve("smoke-asserted.yaml");
        Files.writeString(
                scenario,
                Files.readString(SCENARIOS.resolve("smoke.yaml")).replace("name: smoke", "name: smoke-asserted")
                        + "assertions:\n  max_error_ratio: 0.01\n  min_capacity_at_slo_rps: 100000\n");
        GatlingProcess gatling = GatlingProcess.start(
                dir, Map.of("headroom.scenario", scenario.toString(), "headroom.calibration", "off"));
        int exit = gatling.waitFor(300);
        assertThat(exit).as(gatling.output()).isEqualTo(LoadRun.EXIT_ASSERTIONS_FAILED);
        Path run = dir.resolve("results").resolve("latest").toRealPath();
        JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
        assertThat(runJson.path("status").asText()).isEqualTo("assertions_failed");
        assertThat(runJson.path("message").asText()).contains("capacity at SLO").contains("asserted at least 100000");
        assertThat(runJson.at("/assertions/held").asBoolean()).isFalse();
        JsonNode results = runJson.at("/assertions/results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("assertion").asText()).isEqualTo("max_error_ratio");
        assertThat(results.get(0).path("held").asBoolean()).isTrue();
        assertThat(results.get(1).path("held").asBoolean()).isFalse();
        assertThat(runJson.at("/environment/calibration/status").asText()).isEqualTo("skipped");
        assertThat(StepsCsvFiles.read(run)).hasSize(3);
        assertThat(gatling.output()).contains("assertion FAILED: capacity at SLO");
    }

    private static JsonNode figure(JsonNode comparison, String key) {
        for (JsonNode f : comparison.path("figures"))
            if (f.path("figure").asText().equals(key)) return f;
        throw new AssertionError("no figure " + key + " in " + comparison);
    }

    /** As the nightly workflow runs it: the command-line artifact, {@code java -jar target/headroom-cli.jar}. */
    private static int cli(String... args) throws Exception {
        String jar = Path.of("target", "headroom-cli.jar").toAbsolutePath().toString();
        List<String> command = new java.util.ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return p.exitValue();
    }
}
