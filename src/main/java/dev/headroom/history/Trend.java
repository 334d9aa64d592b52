package dev.headroom.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The runs a trend is drawn over: the last N runs alike with the newest one (same scenario by
 * content, CPU budget, database, pool and host kind), so that a line on the chart never joins two
 * different tests. Runs that ended badly are kept in the table, without figures.
 *
 * @param alike the runs measured in full, oldest first, at most N
 * @param others the runs of the same scenario in that period that failed, aborted or were cut short
 */
public record Trend(String scenario, List<RunSummary> alike, List<RunSummary> others, Baselines baselines) {

    public Trend {
        alike = List.copyOf(alike);
        others = List.copyOf(others);
    }

    /**
     * @param scenario the scenario to draw; empty: the newest measured run's
     */
    public static Trend of(List<RunSummary> history, Optional<String> scenario, int last, Baselines baselines) {
        Optional<RunSummary> newest = history.stream()
                .filter(RunSummary::measuredInFull)
                .filter(r ->
                        scenario.isEmpty() || r.environment().scenarioName().equals(scenario.get()))
                .max(Comparator.comparing(RunSummary::startedAt));
        if (newest.isEmpty()) return new Trend(scenario.orElse(""), List.of(), List.of(), baselines);
        RunSummary anchor = newest.get();
        List<RunSummary> alike = new ArrayList<>();
        for (RunSummary r : history) if (r.measuredInFull() && alike(anchor, r)) alike.add(r);
        List<RunSummary> shown = alike.subList(Math.max(0, alike.size() - last), alike.size());
        String since = shown.get(0).startedAt();
        List<RunSummary> others = history.stream()
                .filter(r -> !r.measuredInFull())
                .filter(r -> r.environment()
                        .scenarioName()
                        .equals(anchor.environment().scenarioName()))
                .filter(r -> r.startedAt().compareTo(since) >= 0)
                .toList();
        return new Trend(anchor.environment().scenarioName(), shown, others, baselines);
    }

    /** What makes two runs points of one line (the build and the host's speed may differ: that is the trend). */
    static boolean alike(RunSummary a, RunSummary b) {
        RunEnvironment x = a.environment();
        RunEnvironment y = b.environment();
        return x.scenarioName().equals(y.scenarioName())
                && x.scenarioSha256().equals(y.scenarioSha256())
                && (Double.compare(x.cpuBudgetCores(), y.cpuBudgetCores()) == 0)
                && x.databaseEngine().equals(y.databaseEngine())
                && x.databaseMajorVersion().equals(y.databaseMajorVersion())
                && x.poolSize() == y.poolSize()
                && x.hostCpuCount() == y.hostCpuCount()
                && x.referenceService() == y.referenceService()
                && a.isSearch() == b.isSearch();
    }
}
