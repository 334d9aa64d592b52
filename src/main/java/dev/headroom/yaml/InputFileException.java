package dev.headroom.yaml;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Headroom input file (a scenario, a sizing request, a price table, the instance catalog) could
 * not be loaded. Carries every problem found, not just the first, so one edit can fix them all;
 * {@link #getMessage()} lists them one per line.
 */
public class InputFileException extends RuntimeException {

    /**
     * One thing wrong with an input file.
     *
     * @param file the file as given or resolved, as in {@link Scenario#source()}
     * @param line 1-based line of the offending field or value; 0 when the problem is with the
     *     file as a whole (not found, unreadable)
     * @param field dotted path of the field ({@code load.steps}, {@code mix.menu}); empty when the
     *     problem is with the document itself (YAML syntax, not a mapping)
     * @param message what is wrong and what would be accepted
     */
    public record Problem(String file, int line, String field, String message) {

        /** {@code file:line: field: message}, leaving out a line of 0 and an empty field. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(file);
            if (line > 0) s.append(':').append(line);
            s.append(": ");
            if (!field.isEmpty()) s.append(field).append(": ");
            return s.append(message).toString();
        }
    }

    private final List<Problem> problems;

    public InputFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) throw new IllegalArgumentException("a InputFileException needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
