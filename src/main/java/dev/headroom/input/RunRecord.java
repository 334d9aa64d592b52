package dev.headroom.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.results.Json;
import dev.headroom.results.RunJson;
import dev.headroom.sizing.SearchEnd;
import dev.headroom.sizing.TestBed;
import dev.headroom.sizing.WarmupEnd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Headroom run recorded about itself in run.json, as far as the sizer needs it: the test
 * bed, the scenario's SLO and, for a capacity search, how the search ended. A steps.csv from
 * another tool has no run.json: everything unknown.
 *
 * @param searchEnd run.json's {@code search.status}; empty for a staircase, or without run.json
 * @param warmup how a settled warm-up ended (run.json's {@code warmup}); empty for a timed one
 */
public record RunRecord(
        String runId,
        String scenario,
        TestBed testBed,
        double sloP95Ms,
        double sloP99Ms,
        double sloErrorRatio,
        Optional<SearchEnd> searchEnd,
        Optional<WarmupEnd> warmup) {

    static final String RUN_JSON = "run.json";

    /** run.json's section written from the search's result (load.search.SearchResult.runJson). */
    static final String SEARCH = "search";

    static RunRecord none() {
        return new RunRecord(
                "", "", TestBed.unknown(), Double.NaN, Double.NaN, Double.NaN, Optional.empty(), Optional.empty());
    }

    /** Reads {@code dir/run.json} when there is one. */
    public static RunRecord in(Path dir) {
        Path file = dir.resolve(RUN_JSON);
        if (!Files.isRegularFile(file)) return none();
        JsonNode run;
        try {
            run = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": not readable JSON: " + e.getMessage());
        }
        RunJson.Environment env = RunJson.environment(run);
        RunJson.Scenario scenario = RunJson.scenario(run);
        JsonNode lab = run.path("lab");
        JsonNode db = lab.path("database");
        String engine = db.path("engine").asText("unknown")
                + (db.has("version") ? " " + db.path("version").asText() : "");
        RunJson.ServiceJvmMemory jvm = RunJson.serviceJvmMemory(run);
        TestBed bed = new TestBed(
                number(lab.path("cpu_budget").path("applied_cpus")),
                startupSeconds(lab.path("service")),
                lab.path("service").path("pool_size").asInt(0),
                Optional.ofNullable(env.host().cpuModel()).orElse("unknown"),
                engine,
                lab.path("service").path("tomcat_threads").asInt(0),
                TestBed.archOfJvm(Optional.ofNullable(env.host().arch()).orElse("")),
                heapMaxIfSet(jvm),
                outsideHeapMib(jvm));
        RunJson.Slo slo = scenario.slo();
        return new RunRecord(
                run.path("run_id").asText(""),
                Optional.ofNullable(scenario.name()).orElse(""),
                bed,
                orNaN(slo.p95Ms()),
                orNaN(slo.p99Ms()),
                orNaN(slo.errorRatio()),
                searchEnd(file, run.path(SEARCH)),
                warmup(run.path("warmup")));
    }

    /**
     * The JVM's heap maximum when it was set for the service (the JVM's default says how large the
     * test host is, not what the service needs); NaN when not set, absent or not a usable size.
     */
    static double heapMaxIfSet(RunJson.ServiceJvmMemory m) {
        return Boolean.TRUE.equals(m.heapMaxSet()) && m.heapMaxMib() != null && m.heapMaxMib() > 0
                ? m.heapMaxMib()
                : Double.NaN;
    }

    /**
     * The JVM's non-heap committed plus its direct buffers; NaN without a non-heap figure. A run.json
     * from before direct buffers were recorded has none: they count as 0, as they were then.
     */
    static double outsideHeapMib(RunJson.ServiceJvmMemory m) {
        Double nonHeap = m.nonHeapCommittedMib();
        if (nonHeap == null || !(nonHeap >= 0)) return Double.NaN;
        Double direct = m.directBuffersMib();
        return nonHeap + (direct != null && direct >= 0 ? direct : 0);
    }

    /**
     * The service's start-up to ready on the budget the trials ran on: {@code
     * startup_at_budget_ms}, which the lab writes for every start (the start measured, or after a
     * start on more CPU, the search's boost, its estimate: lab.ServiceProcess.Launch#startupMsOn);
     * a run from before it has only the start measured.
     */
    static double startupSeconds(JsonNode service) {
        JsonNode onBudget = service.path("startup_at_budget_ms");
        return (onBudget.isNumber()
                        ? onBudget.asDouble()
                        : number(service.path("launch").path("startup_ms")))
                / 1000;
    }

    /**
     * What the run's search (load.SearchDriver) writes when it stopped on an error before it had a
     * result: its trials on disk are still sized, judged by themselves (a lower bound unless they
     * bracket a confirmed capacity).
     */
    static final String SEARCH_ERROR = "error";

    /** The search's status; a status this reader does not know is refused, not read as a staircase. */
    static Optional<SearchEnd> searchEnd(Path file, JsonNode search) {
        if (search.isMissingNode() || search.isNull()) return Optional.empty();
        String status = search.path("status").asText("");
        if (status.equals(SEARCH_ERROR)) return Optional.empty();
        return Optional.of(SearchEnd.fromJson(status)
                .orElseThrow(() -> new InputException(file + ": search.status: '" + status + "' is not one of "
                        + java.util.Arrays.stream(SearchEnd.values())
                                .map(SearchEnd::jsonName)
                                .toList())));
    }

    /**
     * The warm-up's end as load.SearchDriver writes it: {@code ended_by}, {@code settled}, {@code
     * duration_s}, {@code fell_behind} and its windows (a pause after a fall behind is an entry
     * without {@code offered_rps}, skipped); CPU per request from the last two windows when they
     * ran at one rate.
     */
    static Optional<WarmupEnd> warmup(JsonNode w) {
        if (w.isMissingNode() || w.isNull() || !w.isObject()) return Optional.empty();
        List<JsonNode> windows = new ArrayList<>();
        w.path("windows").forEach(x -> {
            if (x.has("offered_rps")) windows.add(x);
        });
        double last = Double.NaN;
        double change = Double.NaN;
        if (!windows.isEmpty()) {
            JsonNode a = windows.get(windows.size() - 1);
            last = cpuPerRequestMs(a);
            if (windows.size() >= 2) {
                JsonNode b = windows.get(windows.size() - 2);
                if (number(a.path("offered_rps")) == number(b.path("offered_rps"))) {
                    double previous = cpuPerRequestMs(b);
                    change = (last - previous) / previous;
                }
            }
        }
        return Optional.of(new WarmupEnd(
                w.path("ended_by").asText(""),
                w.path("settled").asBoolean(false),
                number(w.path("duration_s")),
                w.path("fell_behind").asInt(0),
                last,
                change));
    }

    private static double cpuPerRequestMs(JsonNode window) {
        double x = number(window.path("throughput_rps"));
        return x > 0 ? number(window.path("app_cpu_cores")) / x * 1000 : Double.NaN;
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
