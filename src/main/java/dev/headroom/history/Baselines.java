package dev.headroom.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.input.InputException;
import dev.headroom.results.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Named baselines, {@code results/baselines.json}: a name (say {@code nightly}) for the run that
 * later runs are compared with. A baseline moves only when someone sets it: moving it after every
 * passing night would let a service get a little slower every night, each step within the gate.
 */
public final class Baselines {
    public static final String FILE = "baselines.json";

    /** One named baseline: the run, when it was chosen, and its commit, for a reader of the file. */
    public record Entry(String runId, String setAt, String gitCommit) {}

    private final Path file;
    private final Map<String, Entry> entries;

    private Baselines(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The baselines of a results folder; none when the file does not exist yet. */
    public static Baselines in(Path resultsDir) {
        Path file = resultsDir.resolve(FILE);
        Map<String, Entry> entries = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new InputException(file + ": not readable JSON: " + e.getMessage());
            }
            root.path("baselines")
                    .fields()
                    .forEachRemaining(e -> entries.put(
                            e.getKey(),
                            new Entry(
                                    e.getValue().path("run_id").asText(),
                                    e.getValue().path("set_at").asText(""),
                                    e.getValue().path("git_commit").asText(""))));
        }
        return new Baselines(file, entries);
    }

    public Optional<Entry> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The names that point at {@code runId}. */
    public List<String> namesOf(String runId) {
        List<String> out = new ArrayList<>();
        entries.forEach((name, e) -> {
            if (e.runId().equals(runId)) out.add(name);
        });
        return out;
    }

    /** Points {@code name} at {@code run} and saves the file; the run must be usable as a baseline. */
    public Baselines set(String name, RunSummary run) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"))
            throw new InputException("baseline name '" + name + "': accepted: letters, digits, '.', '_' and '-',"
                    + " starting with a letter or digit, at most 64");
        if (!run.usableAsBaseline())
            throw new InputException("run " + run.runId() + " cannot be a baseline: "
                    + run.whyIncomplete()
                            .orElse("it did not hold its scenario's assertions (status " + run.status() + ")"));
        Map<String, Entry> updated = new TreeMap<>(entries);
        updated.put(
                name,
                new Entry(
                        run.runId(), Instant.now().toString(), run.environment().gitCommit()));
        Baselines b = new Baselines(file, updated);
        b.save();
        return b;
    }

    public Map<String, Entry> asMap() {
        return new LinkedHashMap<>(entries);
    }

    private void save() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("baselines", Json.MAPPER.valueToTree(entries));
        try {
            Files.createDirectories(file.getParent());
            Json.writeAtomically(file, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
