package dev.headroom.yaml;

import dev.headroom.yaml.InputFileException.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found in one scenario file so far; all are reported together, in line order. */
public final class Problems {
    private final String file;
    private final List<Problem> found = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public void add(int line, String field, String message) {
        found.add(new Problem(file, line, field, message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (found.isEmpty()) return;
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Problem::line)); // stable: reading order within a line
        throw new InputFileException(sorted);
    }
}
