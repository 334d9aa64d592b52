package dev.headroom.history;

import dev.headroom.input.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds a run from what a user types: a run directory, a run id under the results folder, or "latest". */
public final class Runs {
    private Runs() {}

    public static RunSummary find(String given, Path resultsDir) {
        Path asPath = Path.of(given);
        if (Files.isRegularFile(asPath.resolve("run.json"))) return RunSummary.read(asPath);
        Path underResults = resultsDir.resolve(given);
        if (Files.isRegularFile(underResults.resolve("run.json"))) return RunSummary.read(underResults);
        List<String> ids =
                HistoryIndex.scan(resultsDir).stream().map(RunSummary::runId).toList();
        List<String> recent = ids.subList(Math.max(0, ids.size() - 5), ids.size());
        throw new InputException(
                "run '" + given + "': not a run directory (no run.json there) nor a run in " + resultsDir
                        + (recent.isEmpty() ? " (which holds no runs)" : "; its newest: " + String.join(", ", recent)));
    }

    /**
     * A baseline: a run directory (in CI, the baseline run downloaded from an earlier workflow), or a
     * name in {@code resultsDir/baselines.json}.
     */
    public static RunSummary baseline(String given, Path resultsDir) {
        Path asPath = Path.of(given);
        if (Files.isRegularFile(asPath.resolve("run.json"))) return RunSummary.read(asPath);
        Baselines baselines = Baselines.in(resultsDir);
        Baselines.Entry entry = baselines
                .get(given)
                .orElseThrow(() -> new InputException("baseline '" + given + "': not a run directory, and no baseline"
                        + " of that name in " + resultsDir.resolve(Baselines.FILE) + " ("
                        + (baselines.names().isEmpty() ? "none is set" : "set: " + String.join(", ", baselines.names()))
                        + "); set one with: headroom baseline set " + given + " <run>"));
        Path dir = resultsDir.resolve(entry.runId());
        if (!Files.isRegularFile(dir.resolve("run.json")))
            throw new InputException("baseline '" + given + "' is run " + entry.runId() + ", which is no longer in "
                    + resultsDir + "; set another with: headroom baseline set " + given + " <run>");
        return RunSummary.read(dir);
    }
}
