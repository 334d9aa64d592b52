package dev.headroom.results;

import dev.headroom.metrics.StepResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code results/<run-id>/}: steps are written as each one ends (a run that dies in step 5 leaves
 * steps 1-4 on disk), and {@code results/latest} leads to the newest run.
 */
public final class RunDirectory {
    public static final String STEPS_CSV = "steps.csv";
    public static final String STEPS_JSON = "steps.json";
    public static final String RUN_JSON = "run.json";

    private final Path dir;
    private final List<StepResult> steps = new ArrayList<>();

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code root/runId} (refusing to reuse one) and points {@code root/latest} at it. */
    public static RunDirectory create(Path root, String runId) {
        try {
            Files.createDirectories(root);
            Path dir = Files.createDirectory(root.resolve(runId));
            pointLatestAt(root, runId);
            RunDirectory run = new RunDirectory(dir);
            try (CSVPrinter csv = run.csv(StandardOpenOption.CREATE_NEW)) {
                csv.printRecord(StepColumns.names());
            }
            Json.writeAtomically(dir.resolve(STEPS_JSON), List.of());
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + root.resolve(runId), e);
        }
    }

    public Path path() {
        return dir;
    }

    public synchronized List<StepResult> steps() {
        return List.copyOf(steps);
    }

    /** Appends one step to steps.csv and rewrites steps.json, both flushed before returning. */
    public synchronized void append(StepResult step) throws IOException {
        try (CSVPrinter csv = csv(StandardOpenOption.APPEND)) {
            csv.printRecord(StepColumns.values(step));
        }
        steps.add(step);
        Json.writeAtomically(dir.resolve(STEPS_JSON), steps);
    }

    private CSVPrinter csv(StandardOpenOption mode) throws IOException {
        BufferedWriter out =
                Files.newBufferedWriter(dir.resolve(STEPS_CSV), StandardCharsets.UTF_8, mode, StandardOpenOption.WRITE);
        return new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
    }

    private static void pointLatestAt(Path root, String runId) throws IOException {
        Path latest = root.resolve("latest");
        Path tmp = root.resolve(".latest-" + runId);
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(runId)); // relative, so results/ can be moved or archived
        Files.move(tmp, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
