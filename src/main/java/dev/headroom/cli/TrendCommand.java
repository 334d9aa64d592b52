package dev.headroom.cli;

import dev.headroom.history.Baselines;
import dev.headroom.history.HistoryIndex;
import dev.headroom.history.Trend;
import dev.headroom.history.TrendPage;
import dev.headroom.history.TrendTable;
import dev.headroom.input.InputException;
import dev.headroom.results.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom trend [results] [--last N]}: trend.html and trend.md over the last N alike runs. */
@Command(
        name = "trend",
        mixinStandardHelpOptions = true,
        description = "Writes trend.html (charts of the headline figures over the last N alike runs, each point"
                + " labelled with its date and commit; opens offline) and trend.md (the same as a table, for a job"
                + " summary or a chat message).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input"})
final class TrendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "RESULTS",
            description = "The results folder (default: results).")
    Path results = Path.of("results");

    @Option(names = "--last", paramLabel = "N", description = "How many runs (default 30).")
    int last = 30;

    @Option(names = "--scenario", description = "The scenario to draw (default: the newest run's).")
    String scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: the results folder).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(results)) {
            err.println("headroom trend: bad input: " + results + " is not a folder (give the results folder)");
            return Main.EXIT_BAD_INPUT;
        }
        if (last < 2) {
            err.println("headroom trend: bad input: --last: at least 2 runs make a trend, was " + last);
            return Main.EXIT_BAD_INPUT;
        }
        try {
            Trend trend =
                    Trend.of(HistoryIndex.scan(results), Optional.ofNullable(scenario), last, Baselines.in(results));
            Path dir = out == null ? results : out;
            Path html = TrendPage.write(trend, dir);
            Path md = dir.resolve(TrendTable.MARKDOWN);
            Json.writeAtomically(md, TrendTable.markdown(trend));
            spec.commandLine()
                    .getOut()
                    .println(trend.alike().size() + " runs of "
                            + (trend.scenario().isEmpty() ? "no scenario" : trend.scenario()) + "; written: " + html
                            + ", " + md.getFileName());
            return 0;
        } catch (InputException e) {
            err.println("headroom trend: bad input:");
            e.problems().forEach(p -> err.println("  " + p));
            return Main.EXIT_BAD_INPUT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
