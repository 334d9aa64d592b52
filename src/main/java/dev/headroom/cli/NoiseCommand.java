package dev.headroom.cli;

import dev.headroom.compare.Comparability;
import dev.headroom.compare.Noise;
import dev.headroom.history.RunSummary;
import dev.headroom.history.Runs;
import dev.headroom.input.InputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom noise RUN... --out FILE}: the run-to-run noise of one commit, for compare to judge by. */
@Command(
        name = "noise",
        mixinStandardHelpOptions = true,
        description = "Measures the run-to-run noise of each headline figure over runs of one commit and one build"
                + " on one host (the coefficient of variation: standard deviation over mean) and writes it for"
                + " headroom compare (by default to noise/<scenario>.json beside the scenario file, where compare"
                + " looks). bench/noise.sh makes the runs and calls this.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input (fewer than 3 runs, runs of another commit, build or setup)"})
final class NoiseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "3..*", paramLabel = "RUN", description = "The runs: directories, run ids, or latest.")
    List<String> runs;

    @Option(names = "--results", paramLabel = "DIR", description = "The results folder (default: results).")
    Path results = Path.of("results");

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write (default: noise/<scenario>.json beside the scenario).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<RunSummary> summaries = new ArrayList<>();
            for (String r : runs) summaries.add(Runs.find(r, results));
            List<String> problems = new ArrayList<>();
            RunSummary first = summaries.get(0);
            for (RunSummary r : summaries) {
                if (!r.usableAsBaseline())
                    problems.add(r.whyIncomplete().orElse("run " + r.runId() + " did not hold its assertions"));
                else if (!r.allStepsValid())
                    problems.add("run " + r.runId() + " has invalid steps (the host, not the service, was the limit):"
                            + " its figures measure the host's contention, not the build's noise");
                else if (r != first) {
                    Comparability c = Comparability.of(first, r, Noise.none(), 0.95);
                    c.reasons()
                            .forEach(reason ->
                                    problems.add(r.runId() + " is not alike " + first.runId() + ": " + reason));
                }
                if (!r.environment().gitCommit().equals(first.environment().gitCommit())
                        || r.environment().extraCpuUsPerOrder()
                                != first.environment().extraCpuUsPerOrder())
                    problems.add(r.runId() + " is another build (commit "
                            + r.environment().shortCommit()
                            + ", extra CPU " + r.environment().extraCpuUsPerOrder() + " µs per order) than "
                            + first.runId() + ": noise is measured on one build");
            }
            if (!problems.isEmpty()) throw new InputException(problems);
            Path file = out != null
                    ? out
                    : dev.headroom.compare.NoiseSources.besideScenario(first)
                            .orElseThrow(
                                    () -> new InputException("the runs do not say their scenario file: give --out"));
            Noise noise = Noise.measure(summaries, file.toString());
            noise.write(file);
            PrintWriter o = spec.commandLine().getOut();
            noise.figures()
                    .forEach((k, n) -> o.println(String.format(
                            Locale.ROOT,
                            "%-24s cv %5.1f %%  over %d runs  (mean %s, min %s, max %s)",
                            k,
                            n.cv() * 100,
                            n.runs(),
                            fmt(n.mean()),
                            fmt(n.min()),
                            fmt(n.max()))));
            o.println("written: " + file);
            return 0;
        } catch (InputException e) {
            err.println("headroom noise: bad input, nothing written:");
            e.problems().forEach(p -> err.println("  " + p));
            return Main.EXIT_BAD_INPUT;
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }
}
