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

    /** {@code noDbStatements}: why the database's statement times could not be read, if they could not. */
    static void record(RunDirectory dir, Lab.Target target, List<String> noDbStatements, RunJournal journal) {
        if (dir.steps().isEmpty()) return;
        List<String> missing = StepColumns.serverSideUnmeasured(dir.steps());
        Map<String, Object> coverage = new LinkedHashMap<>();
        coverage.put("not_measured", missing);
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
        if (missing.stream().anyMatch(c -> !c.equals(StepsCsv.DB_CPU_CORES) && !statementColumns.contains(c))) {
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
        if (!missing.isEmpty()) {
            coverage.put("why", why);
            LoadRun.say(
                    "server-side figures not measured: " + String.join(", ", missing) + "; " + String.join("; ", why));
        }
        journal.set("server_figures", coverage);
    }
}
