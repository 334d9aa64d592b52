package dev.headroom.load;

import dev.headroom.results.RunJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Copies Gatling's own HTML report of this run into the run directory, beside Headroom's figures. */
final class GatlingReport {
    private GatlingReport() {}

    /** The newest report under {@code gatlingResults} written since {@code sinceMillis}, if any. */
    static void copy(Path gatlingResults, long sinceMillis, Path runDir, RunJournal journal) {
        if (!Files.isDirectory(gatlingResults)) return;
        try (var runs = Files.list(gatlingResults)) {
            Optional<Path> newest = runs.filter(p -> Files.exists(p.resolve("index.html")))
                    .filter(p -> p.toFile().lastModified() >= sinceMillis)
                    .max((a, b) ->
                            Long.compare(a.toFile().lastModified(), b.toFile().lastModified()));
            if (newest.isPresent()) {
                copyTree(newest.get(), runDir.resolve("gatling"));
                journal.set("gatling_report", "gatling/index.html");
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("headroom: could not copy Gatling's report: " + e.getMessage());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
