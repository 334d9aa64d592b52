package dev.headroom.cli;

import dev.headroom.history.Baselines;
import dev.headroom.history.HistoryIndex;
import dev.headroom.history.RunSummary;
import dev.headroom.input.InputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom history [results]}: every run with its headline figures; writes index.json and index.csv. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Lists the runs in a results folder, oldest first, with their status, commit, scenario and"
                + " headline figures (capacity at SLO, max throughput, CPU per request, connection hold time and"
                + " p95 at the reference load), and writes them to index.json and index.csv there. Runs that"
                + " failed or were cut short are listed with their status.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:bad input (no such folder, an unreadable baselines.json)"})
final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "RESULTS",
            description = "The results folder (default: results).")
    Path results = Path.of("results");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(results)) {
            err.println("headroom history: bad input: " + results + " is not a folder (give the results folder)");
            return Main.EXIT_BAD_INPUT;
        }
        try {
            List<RunSummary> runs = HistoryIndex.scan(results);
            Baselines baselines = Baselines.in(results);
            List<Path> written = HistoryIndex.write(results, runs, baselines);
            out.print(HistoryIndex.table(runs, baselines));
            out.println(runs.size() + " runs; written: " + written.get(0) + ", "
                    + written.get(1).getFileName());
            return 0;
        } catch (InputException e) {
            err.println("headroom history: bad input:");
            e.problems().forEach(p -> err.println("  " + p));
            return Main.EXIT_BAD_INPUT;
        }
    }
}
