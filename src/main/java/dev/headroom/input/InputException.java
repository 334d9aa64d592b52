package dev.headroom.input;

import java.util.List;

/**
 * Input the sizer refuses: each problem names the file, the line when there is one, the field, and
 * what would be accepted. The command line prints them all and exits with code 2 before writing.
 */
public final class InputException extends RuntimeException {
    private final List<String> problems;

    public InputException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public InputException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    public static String at(String file, long line, String field, String message) {
        return file + (line > 0 ? ":" + line : "") + ": " + field + ": " + message;
    }
}
