package dev.headroom.cli;

import dev.headroom.compare.Comparison;
import dev.headroom.compare.ComparisonReport;
import dev.headroom.compare.Figure;
import dev.headroom.compare.Gate;
import dev.headroom.compare.GateFile;
import dev.headroom.compare.Noise;
import dev.headroom.compare.NoiseSources;
import dev.headroom.history.HistoryIndex;
import dev.headroom.history.RunSummary;
import dev.headroom.history.Runs;
import dev.headroom.input.InputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom compare [<baseline-run>] <run> [--baseline NAME|DIR]}: a run against its baseline, and the gate. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares a run with a baseline run: whether they can be compared at all, each headline figure and step"
                    + " against the run-to-run noise, the sizing's recommendation, new error findings; then the gate."
                    + " Prints the verdict and writes comparison.md and comparison.json.",
            "Noise: --noise FILE; else >= 3 runs of one commit in --results alike with this one; else"
                    + " noise/<scenario>.json beside the scenario file (bench/noise.sh measures it)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no regression (equivalent, improved, or worse within the gate)",
            "1:regression: the gate failed",
            "2:bad input (a run, a baseline, a gate or noise file, an option)",
            "3:the comparison itself failed (a defect: please report it)",
            "4:the runs are not comparable (give --force to compare them anyway)"
        })
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "1..2",
            paramLabel = "RUN",
            description = "The candidate run; or the baseline run then the candidate. A run directory, a run id in"
                    + " --results, or latest.")
    List<String> runs;

    @Option(
            names = "--baseline",
            paramLabel = "NAME|DIR",
            description = "A baseline name (results/baselines.json) or a baseline run directory.")
    String baseline;

    @Option(names = "--results", paramLabel = "DIR", description = "The results folder (default: results).")
    Path results = Path.of("results");

    @Option(
            names = "--gate",
            paramLabel = "gate.yaml",
            description = "Gate thresholds (default: gates/<scenario>.yaml beside the scenario file, else built-in).")
    Path gateFile;

    @Option(names = "--noise", paramLabel = "noise.json", description = "The run-to-run noise to judge by.")
    Path noiseFile;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write comparison.md/.json (default: the run's).")
    Path out;

    @Option(names = "--force", description = "Compare runs that are not alike anyway, with a caveat.")
    boolean force;

    @Option(names = "--max-capacity-drop", paramLabel = "PCT", description = "Capacity at SLO may drop at most this.")
    Double maxCapacityDrop;

    @Option(names = "--max-throughput-drop", paramLabel = "PCT", description = "Max throughput may drop at most this.")
    Double maxThroughputDrop;

    @Option(
            names = "--max-p95-rise",
            paramLabel = "PCT",
            description = "p95 at the reference load may rise at most this.")
    Double maxP95Rise;

    @Option(names = "--max-cpu-rise", paramLabel = "PCT", description = "CPU per request may rise at most this.")
    Double maxCpuRise;

    @Option(names = "--max-hold-rise", paramLabel = "PCT", description = "Connection hold time may rise at most this.")
    Double maxHoldRise;

    @Option(names = "--confidence", description = "How sure a change beyond noise must be (default 0.95).")
    Double confidence;

    @Option(
            names = "--reference-load",
            paramLabel = "N",
            description = "Offered req/s (users) to read per-request figures at (default: the middle step).")
    Double referenceLoad;

    @Option(names = "--fail-on-recommendation-change", description = "Fail when the recommended plan changes.")
    boolean failOnPlanChange;

    @Option(names = "--allow-new-error-findings", description = "Report new error findings without failing.")
    boolean allowNewErrors;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Comparison c;
        try {
            RunSummary base;
            RunSummary cand;
            if (runs.size() == 2) {
                if (baseline != null)
                    throw new InputException("give the baseline as --baseline or as the first run, not both");
                base = Runs.find(runs.get(0), results);
                cand = Runs.find(runs.get(1), results);
            } else {
                if (baseline == null)
                    throw new InputException("no baseline: give --baseline NAME|DIR, or two runs (baseline first)");
                base = Runs.baseline(baseline, results);
                cand = Runs.find(runs.get(0), results);
            }
            Gate gate = gate(cand);
            Noise noise = NoiseSources.find(Optional.ofNullable(noiseFile), cand, HistoryIndex.scan(results));
            c = Comparison.of(base, cand, noise, gate, force);
        } catch (InputException e) {
            stderr.println("headroom compare: bad input, nothing written:");
            e.problems().forEach(p -> stderr.println("  " + p));
            return Main.EXIT_BAD_INPUT;
        } catch (RuntimeException e) {
            stderr.println("headroom compare: the comparison failed, nothing written: " + e);
            return Main.EXIT_SIZER_FAILED;
        }
        Path dir = out != null ? out : c.candidate().dir();
        List<Path> written = ComparisonReport.write(c, dir);
        stdout.print(ComparisonReport.console(c));
        stdout.println("written: " + written.get(0) + ", " + written.get(1).getFileName());
        return switch (c.verdict()) {
            case REGRESSION -> Main.EXIT_REGRESSION;
            case NOT_COMPARABLE -> Main.EXIT_NOT_COMPARABLE;
            default -> 0;
        };
    }

    private Gate gate(RunSummary cand) {
        Gate gate = Gate.defaults();
        Path file = gateFile;
        if (file == null) {
            Optional<Path> beside = cand.environment().besideScenarioFile("gates", ".yaml");
            if (beside.isPresent() && Files.isRegularFile(beside.get())) file = beside.get();
        }
        if (file != null) gate = GateFile.read(file);
        gate = override(gate, Figure.CAPACITY_AT_SLO, maxCapacityDrop, "--max-capacity-drop");
        gate = override(gate, Figure.MAX_THROUGHPUT, maxThroughputDrop, "--max-throughput-drop");
        gate = override(gate, Figure.P95_AT_REFERENCE, maxP95Rise, "--max-p95-rise");
        gate = override(gate, Figure.CPU_PER_REQUEST, maxCpuRise, "--max-cpu-rise");
        gate = override(gate, Figure.CONNECTION_HOLD, maxHoldRise, "--max-hold-rise");
        if (confidence != null && !(confidence > 0.5 && confidence < 1))
            throw new InputException(
                    "--confidence: a probability above 0.5 and below 1, such as 0.95; was " + confidence);
        if (referenceLoad != null && !(referenceLoad > 0 && Double.isFinite(referenceLoad)))
            throw new InputException("--reference-load: a number > 0, was " + referenceLoad);
        boolean overridden = confidence != null
                || referenceLoad != null
                || failOnPlanChange
                || allowNewErrors
                || maxCapacityDrop != null
                || maxThroughputDrop != null
                || maxP95Rise != null
                || maxCpuRise != null
                || maxHoldRise != null;
        return gate.with(
                gate.failOnNewErrorFindings() && !allowNewErrors,
                gate.failOnRecommendationChange() || failOnPlanChange,
                confidence != null ? confidence : gate.confidence(),
                referenceLoad != null ? referenceLoad : gate.referenceLoad(),
                gate.source() + (overridden ? " with command-line options" : ""));
    }

    private static Gate override(Gate gate, Figure f, Double pct, String option) {
        if (pct == null) return gate;
        if (!(pct >= 0 && pct <= 1000)) throw new InputException(option + ": a percentage from 0 to 1000, was " + pct);
        return gate.withLimit(f, pct / 100);
    }
}
