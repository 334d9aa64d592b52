package dev.headroom.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code run.json}: the run's environment and how it ended, rewritten (atomically) at every change
 * so that whatever stops the run, the file on disk says how far it got.
 */
public final class RunJournal {
    /** How a run ended; {@code running} until it does. */
    public enum Status {
        STARTING,
        RUNNING,
        COMPLETED,
        /** Completed and measured in full, but an assertion of the scenario did not hold. */
        ASSERTIONS_FAILED,
        FAILED,
        ABORTED,
        INTERRUPTED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Path file;
    private final ObjectNode root = Json.MAPPER.createObjectNode();
    private Status status = Status.STARTING;

    public RunJournal(Path runDir, String runId) {
        this.file = runDir.resolve(RunDirectory.RUN_JSON);
        root.put("run_id", runId);
        root.put("status", status.key());
        root.put("started_at", Instant.now().toString());
        save();
    }

    /** Sets a top-level field to any value Jackson can write, and saves. */
    public synchronized void set(String field, Object value) {
        root.set(field, Json.MAPPER.valueToTree(value));
        save();
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized void running() {
        status = Status.RUNNING;
        root.put("status", status.key());
        save();
    }

    /** Records the end once; later calls are ignored, so the first cause of an end is kept. */
    public synchronized boolean end(Status how, String message) {
        if (status != Status.STARTING && status != Status.RUNNING) return false;
        status = how;
        root.put("status", how.key());
        root.put("ended_at", Instant.now().toString());
        root.put("message", message);
        save();
        return true;
    }

    private void save() {
        try {
            Json.writeAtomically(file, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
