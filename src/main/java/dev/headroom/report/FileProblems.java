package dev.headroom.report;

import dev.headroom.report.CatalogFileException.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems found in one file so far; all are reported together, in line order. The same
 * pattern as the scenario reader's, kept here because {@code report} must not reach into
 * {@code scenario}'s internals.
 */
final class FileProblems {
    private final String file;
    private final List<Problem> found = new ArrayList<>();

    FileProblems(String file) {
        this.file = file;
    }

    void add(int line, String field, String message) {
        found.add(new Problem(file, line, field, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() {
        if (found.isEmpty()) return;
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Problem::line)); // stable: reading order within a line
        throw new CatalogFileException(sorted);
    }
}
