package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.metrics.ProcCpu;
import dev.headroom.results.StepsCsvFiles;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * Python's http.server, pinned to one CPU with taskset and without a metrics endpoint: its process
     * is found by the port it listens on, so its CPU, memory and CPU limit come from /proc; the pool,
     * threads and server-side latency it has no meters for are said to be missing. It has no sizing
     * request: the run is sized with the default one (capacity, no plan, the peak said to be missing).
     */
    @Test
    void aServiceWithoutAMetricsEndpointIsMeasuredThroughItsListeningProcess() throws Exception {
        assumeTrue(ForeignService.onPath("python3"), "python3 is not on the PATH");
        assumeTrue(ForeignService.onPath("taskset"), "taskset is not on the PATH");
        Path site = Files.createDirectories(work.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>not Headroom</title>");
        Files.writeString(site.resolve("data.json"), "{\"items\":[1,2,3]}");
        try (ForeignService python =
                ForeignService.pythonFiles(site, work, List.of("taskset", "-c", "0"), "127.0.0.1")) {
            String target = python.url("").toString();
            double pythonCpuBeforeS = ProcCpu.processCpuS(python.pid()).orElseThrow();
            GatlingProcess gatling = GatlingProcess.start(
                    work, Map.of("headroom.scenario", scenario("own-files"), "headroom.target", target));
            int exit = gatling.waitFor(180);
            String out = gatling.output();
            assertThat(exit).as(out).isZero();
            double pythonCpuS = ProcCpu.processCpuS(python.pid()).orElseThrow() - pythonCpuBeforeS;
            double pythonRssMib = ProcCpu.residentBytes(python.pid()).orElseThrow() / (1024 * 1024);

            // the target and the highest rate are said before the first request (the reachability check)
            int announced = out.indexOf("headroom: target: " + target + "; highest rate: 40 req/s");
            assertThat(announced).as(out).isNotNegative();
            assertThat(announced).isLessThan(out.indexOf("checking that your service answers"));
            // the process is found and said before any load
            int found = out.indexOf("your service's process: pid " + python.pid());
            assertThat(found).as(out).isNotNegative().isLessThan(out.indexOf("sending load"));

            Path run = GatlingProcess.onlyRun(work);
            JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
            assertThat(runJson.get("status").asText()).as(out).isEqualTo("completed");
            assertThat(runJson.at("/scenario/requests/0/name").asText()).isEqualTo("page");
            assertThat(runJson.at("/integrity/evaluated").asBoolean(true)).isFalse();

            // what was found, and how: the pid the test started, its affinity (taskset -c 0: one CPU)
            JsonNode process = runJson.at("/lab/target/process");
            assertThat(process.get("found").asBoolean()).as(process.toString()).isTrue();
            assertThat(process.get("pid").asLong()).isEqualTo(python.pid());
            assertThat(process.get("command").asText()).startsWith("python3");
            assertThat(process.get("how").asText()).contains("/proc/net/tcp");
            assertThat(process.get("cpu_limit_source").asText()).isEqualTo("affinity");
            assertThat(process.get("cpu_limit_cores").asDouble()).isEqualTo(1.0);
            // ... which is the test bed's CPU budget the sizer divides by
            assertThat(runJson.at("/lab/cpu_budget/applied_cpus").asDouble()).isEqualTo(1.0);
            assertThat(runJson.at("/lab/cpu_budget/mechanism").asText()).isEqualTo("found affinity");
            assertThat(runJson.at("/sizing_inputs/memory_source").asText()).isEqualTo("proc_vmrss");
            assertThat(runJson.at("/sizing_inputs/cpu_usage_source").asText()).isEqualTo("proc");
            assertThat(runJson.at("/sizing_inputs/missing")).isEmpty();

            // no metrics endpoint: CPU and memory from /proc, the rest missing, and run.json says why
            assertThat(runJson.at("/server_figures/not_measured"))
                    .extracting(JsonNode::asText)
                    .contains("pool_active_avg", "server_rps")
                    .doesNotContain("app_cpu_cores", "app_cpu_proc_cores", "app_memory_mib_max");
            assertThat(runJson.at("/server_figures/why").toString()).contains("from its process's /proc only");
            // pinned by affinity, not a quota: no throttling to count, and the reason is its own
            assertThat(runJson.at("/server_figures/not_measured"))
                    .extracting(JsonNode::asText)
                    .contains("cpu_throttled_share", "cpu_throttled_ms_per_s");
            assertThat(runJson.at("/server_figures/why").toString())
                    .contains("cpu_throttled_share, cpu_throttled_ms_per_s: ");

            List<CSVRecord> steps = StepsCsvFiles.read(run);
            assertThat(steps).hasSize(2);
            long okPages = 0;
            double stepsCpuS = 0;
            for (CSVRecord step : steps) {
                double offered = Double.parseDouble(step.get("offered_rps"));
                assertThat(step.get("valid")).as(step.toString()).isEqualTo("true");
                assertThat(Double.parseDouble(step.get("throughput_rps")))
                        .as(step.toString())
                        .isCloseTo(offered, within(offered * 0.15));
                assertThat(Double.parseDouble(step.get("error_ratio"))).isZero();
                // python's CPU, from /proc/<pid>/stat: busy, within its one CPU
                double cpu = Double.parseDouble(step.get("app_cpu_proc_cores"));
                assertThat(cpu).as(step.toString()).isPositive().isLessThan(1.0);
                assertThat(step.get("app_cpu_source")).isEqualTo("proc");
                assertThat(step.get("app_cpu_cores")).isEqualTo(step.get("app_cpu_proc_cores"));
                stepsCpuS += cpu
                        * Duration.between(
                                        Instant.parse(step.get("steady_start")), Instant.parse(step.get("steady_end")))
                                .toMillis()
                        / 1000.0;
                // python's resident memory: http.server holds some tens of MiB; as the test reads it after
                // the run, within a factor of 2 either way (its heap grows and shrinks a little)
                assertThat(Double.parseDouble(step.get("app_memory_mib_max")))
                        .as(step.toString())
                        .isBetween(pythonRssMib / 2, pythonRssMib * 2);
                assertThat(step.get("server_rps")).isEmpty();
            }
            // the steps' CPU is python's and no one else's: the steady windows are part of the run, so
            // their CPU seconds cannot exceed what python used over the whole run (the injector, busier
            // than python, would), give or take one clock tick (10 ms) per reading
            assertThat(stepsCpuS).isPositive().isLessThanOrEqualTo(pythonCpuS + 4 * 0.01);
            JsonNode stepsJson = JSON.readTree(run.resolve("steps.json").toFile());
            for (JsonNode step : stepsJson) {
                assertThat(step.get("by_endpoint").fieldNames()).toIterable().containsExactlyInAnyOrder("page", "data");
                okPages += step.at("/by_endpoint/page/ok").asLong();
            }
            // no sizing request: sized with the default one; capacity is written, the peak said missing
            assertThat(runJson.at("/sizing/status").asText()).as(out).isEqualTo("written");
            assertThat(runJson.at("/sizing/request").asText()).startsWith("none: the default request");
            assertThat(runJson.at("/sizing/findings").toString()).contains("PEAK_NOT_GIVEN");
            assertThat(run.resolve("sizing.json")).isRegularFile();
            assertThat(out).contains("capacity at SLO:");
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

    /**
     * A service whose process cannot be found (here: reached at this host's own non-loopback address,
     * so nothing on "this host" is assumed) and that has no metrics endpoint, with a sizing request
     * that asks for a plan but gives no replica.memory_mib: refused before any load, exit 2, naming
     * the request's file and field.
     */
    @Test
    void aPlanThatCouldNotBeMadeIsRefusedBeforeAnyLoad() throws Exception {
        assumeTrue(ForeignService.onPath("python3"), "python3 is not on the PATH");
        Optional<String> address = nonLoopbackAddress();
        assumeTrue(address.isPresent(), "this host has no non-loopback IPv4 address");
        Path scenarios = Files.createDirectories(work.resolve("scenarios").resolve("sizing"))
                .getParent();
        Path scenario = Files.copy(Path.of(scenario("own-files")), scenarios.resolve("own-files.yaml"));
        Path request = scenarios.resolve("sizing").resolve("own-files.yaml");
        Files.writeString(request, "peak:\n  rps: 100\n");
        Path site = Files.createDirectories(work.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>not Headroom</title>");
        try (ForeignService python = ForeignService.pythonFiles(site, work, List.of(), address.get())) {
            GatlingProcess gatling = GatlingProcess.start(
                    work,
                    Map.of(
                            "headroom.scenario", scenario.toString(),
                            "headroom.target", python.url("").toString(),
                            "headroom.allow.remote", "true"));
            int exit = gatling.waitFor(120);
            String out = gatling.output();
            assertThat(exit).as(out).isEqualTo(LoadRun.EXIT_FAILED);
            assertThat(out)
                    .contains("your service's process was not found: " + address.get() + " is not a loopback address")
                    .contains(request + " asks for a plan")
                    .contains(request + ": replica.memory_mib")
                    .contains(request + ": test_host.equivalent_instance_type")
                    .contains("No load was sent")
                    .doesNotContain("sending load");
            // two requests: the test's readiness probe and Headroom's reachability check; no load after them
            assertThat(count(python.log(), Pattern.compile("\"GET "))).isEqualTo(2);
            JsonNode runJson = JSON.readTree(
                    GatlingProcess.onlyRun(work).resolve("run.json").toFile());
            assertThat(runJson.get("status").asText()).isEqualTo("failed");
            assertThat(runJson.get("message").asText()).contains("replica.memory_mib");
            assertThat(StepsCsvFiles.read(GatlingProcess.onlyRun(work)))
                    .isEmpty(); // its header only: no step was measured
        }
    }

    private static Optional<String> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) return Optional.of(a.getHostAddress());
            }
        }
        return Optional.empty();
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

            Path run = GatlingProcess.onlyRun(work);
            JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
            assertThat(runJson.get("status").asText()).as(out).isEqualTo("completed");
            // CPU and memory from the standard process metrics; no pool, no Tomcat: said, not guessed
            assertThat(runJson.at("/server_figures/not_measured"))
                    .extracting(JsonNode::asText)
                    .contains("pool_active_avg", "tomcat_busy_threads_avg", "db_cpu_cores")
                    .doesNotContain("app_cpu_cores", "app_memory_mib_max");
            assertThat(runJson.at("/server_figures/why").toString()).contains("does not expose them");
            // its process found by its port: memory from its VmRSS, CPU also from /proc as a cross-check
            assertThat(runJson.at("/lab/target/process/pid").asLong()).isEqualTo(prometheus.pid());
            assertThat(runJson.at("/sizing_inputs/memory_source").asText()).isEqualTo("proc_vmrss");

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
}
