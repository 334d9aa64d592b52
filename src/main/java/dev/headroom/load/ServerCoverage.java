package dev.headroom.load;

import dev.headroom.lab.Lab;
import dev.headroom.metrics.StepsCsv;
import dev.headroom.results.RunDirectory;
import dev.headroom.results.RunJournal;
import dev.headroom.results.StepColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Says which server-side figures the run could not measure, and why, rather than leaving blanks unexplained. */
final class ServerCoverage {
    private ServerCoverage() {}

    /** The throttling columns, read from the cgroup's {@code cpu.stat} rather than the metrics endpoint. */
    static final List<String> THROTTLING_COLUMNS =
            List.of(StepsCsv.CPU_THROTTLED_SHARE, StepsCsv.CPU_THROTTLED_MS_PER_S);

    /**
     * {@code noDbStatements}: why the database's statement times could not be read, if they could
     * not; {@code cpuStatRead}: whether the sampler had a cgroup {@code cpu.stat} of the service to read.
     */
    static void record(
            RunDirectory dir, Lab.Target target, List<String> noDbStatements, boolean cpuStatRead, RunJournal journal) {
        if (dir.steps().isEmpty()) return;
        List<String> missing = StepColumns.serverSideUnmeasured(dir.steps());
        Map<String, Object> coverage = new LinkedHashMap<>();
        coverage.put("not_measured", missing);
        List<String> why = why(missing, target, noDbStatements, cpuStatRead);
        if (!missing.isEmpty()) {
            coverage.put("why", why);
            LoadRun.say(
                    "server-side figures not measured: " + String.join(", ", missing) + "; " + String.join("; ", why));
        }
        journal.set("server_figures", coverage);
    }

    /** One reason for each kind of column in {@code missing}, in the order the columns' sources are read. */
    static List<String> why(List<String> missing, Lab.Target target, List<String> noDbStatements, boolean cpuStatRead) {
        List<String> why = new ArrayList<>();
        if (missing.contains(StepsCsv.DB_CPU_CORES)) {
            why.add(StepsCsv.DB_CPU_CORES + ": the database is not a process Headroom started on this host");
        }
        List<String> statementColumns = List.of(StepsCsv.DB_READ_MS_PER_S, StepsCsv.DB_WRITE_MS_PER_S);
        if (missing.stream().anyMatch(statementColumns::contains)) {
            why.add(String.join(", ", statementColumns) + ": "
                    + (noDbStatements.isEmpty()
                            ? "performance_schema gave no statement times"
                            : String.join("; ", noDbStatements)));
        }
        if (missing.stream().anyMatch(THROTTLING_COLUMNS::contains)) {
            why.add(String.join(", ", THROTTLING_COLUMNS) + ": "
                    + (cpuStatRead
                            ? "the service's cgroup counted no CPU periods (cpu.stat nr_periods 0): no CPU quota was"
                                    + " in force"
                            : "the service's CPU is not limited by a cgroup quota Headroom can read (a budget by"
                                    + " CPU affinity, no limit, or a process not on this host), so there is no"
                                    + " throttling to count"));
        }
        if (missing.stream()
                .anyMatch(c -> !c.equals(StepsCsv.DB_CPU_CORES)
                        && !statementColumns.contains(c)
                        && !THROTTLING_COLUMNS.contains(c))) {
            why.add(
                    target.prometheusUrl().isEmpty()
                            ? "no metrics endpoint was given (-Dheadroom.target.metrics)"
                                    + (target.appPid().isPresent()
                                            ? ": the service's CPU and memory come from its process's /proc only"
                                            : ", and the service's process was not found on this host, so its /proc"
                                                    + " cannot be read either: client-side figures only")
                            : "the metrics endpoint "
                                    + target.prometheusUrl().get() + " does not expose them (Headroom"
                                    + " reads Micrometer's names, and process_cpu_seconds_total and"
                                    + " process_resident_memory_bytes of the Prometheus client libraries)");
        }
        return why;
    }
}
