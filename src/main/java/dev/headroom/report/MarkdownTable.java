package dev.headroom.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A GitHub-flavoured Markdown table whose every row has as many cells as the header, or fails. */
final class MarkdownTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private MarkdownTable(List<String> headers) {
        this.headers = headers;
    }

    static MarkdownTable of(String... headers) {
        return new MarkdownTable(List.of(headers));
    }

    <T> MarkdownTable rows(List<T> items, Function<T, List<String>> cells) {
        for (T item : items) {
            List<String> row = cells.apply(item);
            if (row.size() != headers.size())
                throw new IllegalArgumentException(
                        "a row of " + row.size() + " cells in a table of " + headers.size() + " columns");
            rows.add(row);
        }
        return this;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        line(out, headers);
        line(out, headers.stream().map(h -> "---").toList());
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String c : cells) out.append(' ').append(cell(c)).append(" |");
        out.append('\n');
    }

    /** A pipe ends a cell and a newline ends the row, so both are neutralised. */
    static String cell(String text) {
        String literal = MarkdownReport.inline(text).replace("\r", "").replace("|", "\\|");
        return literal.isBlank() ? " " : literal;
    }
}
