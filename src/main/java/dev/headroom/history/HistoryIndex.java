package dev.headroom.history;

import dev.headroom.report.HeadlineFigures;
import dev.headroom.results.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The runs under a results folder, oldest first, with their headline figures: {@code index.json}
 * and {@code index.csv} beside them, rebuilt from the run directories every time (the runs are the
 * truth; the index is a view of them, so it never disagrees with what is on disk).
 */
public final class HistoryIndex {
    public static final String INDEX_JSON = "index.json";
    public static final String INDEX_CSV = "index.csv";

    static final List<String> COLUMNS = List.of(
            "run_id",
            "started_at",
            "status",
            "git_commit",
            "git_dirty",
            "scenario",
            "scenario_sha256",
            "host_cpu_model",
            "host_cpu_count",
            "cpu_budget_cores",
            "database",
            "pool_size",
            "calibration_ops_per_s",
            "calibration_ops_per_cpu_s",
            "extra_cpu_us_per_order",
            "steps",
            "capacity_at_slo_rps",
            "saturated",
            "max_throughput_rps",
            "reference_load",
            "cpu_ms_per_request",
            "conn_hold_ms",
            "p95_ms",
            "recommendation",
            "error_findings",
            "baselines",
            // added 2026-12-07, at the end: a reader of the columns by position finds the others where they were
            "db_cpu_ms_per_request",
            "cpu_per_db_cpu");

    private HistoryIndex() {}

    /** Every run directory under {@code resultsDir} (a folder with a run.json), oldest first. */
    public static List<RunSummary> scan(Path resultsDir) {
        if (!Files.isDirectory(resultsDir)) return List.of();
        try (Stream<Path> dirs = Files.list(resultsDir)) {
            return dirs.filter(d -> Files.isDirectory(d) && !Files.isSymbolicLink(d))
                    .filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(d -> Files.isRegularFile(d.resolve("run.json")))
                    .map(RunSummary::read)
                    .sorted(Comparator.comparing(RunSummary::startedAt).thenComparing(RunSummary::runId))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + resultsDir, e);
        }
    }

    /** Writes index.json and index.csv into {@code resultsDir}; returns the two files. */
    public static List<Path> write(Path resultsDir, List<RunSummary> runs, Baselines baselines) {
        List<Map<String, Object>> rows =
                runs.stream().map(r -> row(r, baselines)).toList();
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("results", resultsDir.toString());
        index.put("runs", rows);
        index.put("baselines", baselines.asMap());
        try {
            Path json = resultsDir.resolve(INDEX_JSON);
            Path csv = resultsDir.resolve(INDEX_CSV);
            Json.writeAtomically(json, index);
            Json.writeAtomically(csv, csv(rows));
            return List.of(json, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index in " + resultsDir, e);
        }
    }

    static Map<String, Object> row(RunSummary r, Baselines baselines) {
        RunEnvironment e = r.environment();
        HeadlineFigures f = r.figures();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run_id", r.runId());
        row.put("started_at", r.startedAt());
        row.put("status", r.status());
        row.put("git_commit", e.gitCommit());
        row.put("git_dirty", e.gitDirty());
        row.put("scenario", e.scenarioName());
        row.put("scenario_sha256", e.scenarioSha256());
        row.put("host_cpu_model", e.hostCpuModel());
        row.put("host_cpu_count", e.hostCpuCount());
        row.put("cpu_budget_cores", e.cpuBudgetCores());
        row.put("database", e.databaseEngine() + " " + e.databaseVersion());
        row.put("pool_size", e.poolSize());
        row.put("calibration_ops_per_s", e.calibration().opsPerS());
        row.put("calibration_ops_per_cpu_s", e.calibration().opsPerCpuS());
        row.put("extra_cpu_us_per_order", e.extraCpuUsPerOrder());
        row.put("steps", r.steps().size());
        row.put("capacity_at_slo_rps", f.capacityAtSloRps());
        row.put("saturated", f.saturated());
        row.put("max_throughput_rps", f.maxThroughputRps());
        row.put("reference_load", f.referenceLoad());
        row.put("cpu_ms_per_request", f.cpuSecondsPerRequest() * 1000);
        row.put("conn_hold_ms", f.connHoldSeconds() * 1000);
        row.put("p95_ms", f.latencyP95Seconds() * 1000);
        row.put("recommendation", r.recommendation().map(Recommendation::brief).orElse(""));
        row.put(
                "error_findings",
                String.join(
                        " ",
                        r.findings().stream()
                                .filter(RunSummary.FindingRecord::isError)
                                .map(RunSummary.FindingRecord::code)
                                .toList()));
        row.put("baselines", String.join(" ", baselines.namesOf(r.runId())));
        row.put("db_cpu_ms_per_request", f.dbCpuSecondsPerRequest() * 1000);
        row.put("cpu_per_db_cpu", f.cpuPerDbCpu());
        return row;
    }

    private static String csv(List<Map<String, Object>> rows) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            p.printRecord(COLUMNS);
            for (Map<String, Object> row : rows) {
                List<String> cells = new ArrayList<>();
                for (String c : COLUMNS) cells.add(cell(row.get(c)));
                p.printRecord(cells);
            }
        }
        return out.toString();
    }

    /** steps.csv's conventions: '.' decimals, an empty cell for "not measured". */
    static String cell(Object v) {
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) return "";
            return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return String.valueOf(v);
    }

    /** A console table: one line per run, newest last. */
    public static String table(List<RunSummary> runs, Baselines baselines) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-32s %-17s %-11s %-14s %9s %9s %8s %8s %8s %s%n",
                "run",
                "status",
                "commit",
                "scenario",
                "cap@SLO",
                "max rps",
                "cpu ms",
                "hold ms",
                "p95 ms",
                "baseline"));
        for (RunSummary r : runs) {
            HeadlineFigures f = r.figures();
            out.append(String.format(
                    Locale.ROOT,
                    "%-32s %-17s %-11s %-14s %9s %9s %8s %8s %8s %s%n",
                    r.runId(),
                    r.status(),
                    r.environment().shortCommit() + (r.environment().gitDirty() ? "+" : ""),
                    r.environment().scenarioName(),
                    (f.saturated() || Double.isNaN(f.capacityAtSloRps()) ? "" : ">=") + fmt(f.capacityAtSloRps(), 1),
                    fmt(f.maxThroughputRps(), 1),
                    fmt(f.cpuSecondsPerRequest() * 1000, 3),
                    fmt(f.connHoldSeconds() * 1000, 2),
                    fmt(f.latencyP95Seconds() * 1000, 1),
                    String.join(",", baselines.namesOf(r.runId()))));
        }
        return out.toString();
    }

    static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
