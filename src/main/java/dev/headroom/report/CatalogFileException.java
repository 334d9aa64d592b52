package dev.headroom.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A catalog or price file could not be read. Carries every problem found, not just the first, so
 * one edit can fix them all; {@link #getMessage()} lists them one per line, as a scenario error does.
 */
public class CatalogFileException extends RuntimeException {

    /**
     * One thing wrong with a file.
     *
     * @param file the file as given, or the bundled resource's name
     * @param line 1-based line of the offending field or value; 0 for the file as a whole
     * @param field dotted path of the field ({@code ec2_usd_per_hour.m6i.large}, {@code fargate.gb_usd_per_hour})
     *     or the CSV column; empty for the document itself
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

    public CatalogFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) throw new IllegalArgumentException("a CatalogFileException needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
