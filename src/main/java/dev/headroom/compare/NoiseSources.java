package dev.headroom.compare;

import dev.headroom.history.HistoryIndex;
import dev.headroom.history.RunSummary;
import dev.headroom.input.InputException;
import dev.headroom.sizing.RunToRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a comparison's noise comes from, first found first: a file the user names; else runs in the
 * results folder, when at least {@link #MIN_RUNS} of them are of one commit and one build, alike
 * with the candidate, with every step valid (noise measured on this very host); else the scenario's own noise file,
 * {@code noise/<scenario>.json} beside the scenario file, measured with bench/noise.sh; else none.
 */
public final class NoiseSources {
    /** Fewer runs give a noise estimate so loose (Student's t with 1 degree of freedom) it is no use. */
    public static final int MIN_RUNS = 3;

    private NoiseSources() {}

    public static Noise find(Optional<Path> file, RunSummary candidate, List<RunSummary> history) {
        if (file.isPresent()) return Noise.read(file.get());
        Optional<Noise> measured = fromHistory(candidate, history);
        if (measured.isPresent()) return measured.get();
        return besideScenario(candidate)
                .filter(Files::isRegularFile)
                .map(Noise::read)
                .map(n -> sameScenario(n, candidate))
                .orElse(Noise.none());
    }

    /** A noise file measured on another version of the scenario still serves, with a word of warning. */
    static Noise sameScenario(Noise n, RunSummary candidate) {
        String sha = candidate.environment().scenarioSha256();
        if (n.scenarioSha256().isEmpty() || n.scenarioSha256().equals(sha)) return n;
        return new Noise(
                n.source() + ", measured on another version of the scenario file (sha256 "
                        + n.scenarioSha256()
                                .substring(0, Math.min(12, n.scenarioSha256().length()))
                        + "): measure it again with bench/noise.sh",
                n.scenario(),
                n.scenarioSha256(),
                n.host(),
                n.gitCommit(),
                n.measuredAt(),
                n.runs(),
                n.figures());
    }

    /**
     * How far runs of one build spread in capacity at the SLO, for the sizing of the run in {@code
     * runDir}, from where {@link #find} takes a comparison's noise (runs beside it in the results
     * folder, else the scenario's noise file); empty when {@code runDir} holds no run.json (a
     * steps.csv of another tool). A noise file that cannot be read is said, not thrown: the spread
     * is a note beside the sizing, and must not cost the plan.
     */
    public static Optional<RunToRun> runToRun(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve("run.json"))) return Optional.empty();
        RunSummary run = RunSummary.read(runDir);
        String scenario = run.environment().scenarioName();
        try {
            Noise noise = find(
                    Optional.empty(),
                    run,
                    HistoryIndex.scan(runDir.toAbsolutePath().getParent()));
            return Optional.of(new RunToRun(
                    scenario,
                    noise.of(Figure.CAPACITY_AT_SLO.key())
                            .map(n -> new RunToRun.Spread(
                                    n.runs(), noise.host(), noise.source(), n.mean(), n.min(), n.max(), n.cv())),
                    ""));
        } catch (InputException e) {
            return Optional.of(new RunToRun(
                    scenario, Optional.empty(), "the spread could not be read: " + String.join("; ", e.problems())));
        }
    }

    /** {@code <scenario dir>/noise/<name>.json} for the scenario file the run recorded. */
    public static Optional<Path> besideScenario(RunSummary run) {
        return run.environment().besideScenarioFile("noise", ".json");
    }

    static Optional<Noise> fromHistory(RunSummary candidate, List<RunSummary> history) {
        Map<String, List<RunSummary>> byBuild = new LinkedHashMap<>();
        for (RunSummary r : history) {
            if (!r.usableAsBaseline() || !r.allStepsValid() || r.environment().gitDirty()) continue;
            if (!Comparability.of(r, candidate, Noise.none(), 0.95).comparable()) continue;
            String build = r.environment().gitCommit() + "+" + r.environment().extraCpuUsPerOrder();
            byBuild.computeIfAbsent(build, k -> new ArrayList<>()).add(r);
        }
        return byBuild.values().stream()
                .filter(runs -> runs.size() >= MIN_RUNS)
                .max(Comparator.comparingInt(List::size))
                .map(runs -> Noise.measure(
                        runs,
                        runs.size() + " runs of one commit in "
                                + runs.get(0).dir().toAbsolutePath().getParent()));
    }
}
