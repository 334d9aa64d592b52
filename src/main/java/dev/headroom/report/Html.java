package dev.headroom.report;

import java.util.List;

/** Escaping and the few elements the report repeats: tables, definition lists, badges. */
public final class Html {
    private Html() {}

    /** A table cell: escaped text or ready markup, with an optional class (e.g. "n" for numbers). */
    record Cell(String html, String cssClass) {}

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static Cell text(String text) {
        return new Cell(escape(text), "");
    }

    /** A figure, right-aligned with tabular digits so columns of numbers line up. */
    static Cell num(String figure) {
        return new Cell(escape(figure), Figures.NOT_MEASURED.equals(figure) ? "n missing" : "n");
    }

    static Cell raw(String html, String cssClass) {
        return new Cell(html, cssClass);
    }

    static String badge(String text, String kind) {
        return "<span class=\"badge " + kind + "\">" + escape(text) + "</span>";
    }

    /**
     * A table; each row is its cells (a String is escaped text), with a {@link RowClass} first to
     * mark it, or a lone {@link Detail} to span the table.
     */
    static String table(String cssClass, List<String> headers, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder("<div class=\"scroll\"><table class=\"" + cssClass + "\"><thead><tr>");
        headers.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (List<Object> row : rows) {
            if (row.size() == 1 && row.get(0) instanceof Detail d) {
                out.append("<tr class=\"detail\"><td colspan=\"")
                        .append(headers.size())
                        .append("\">")
                        .append(d.html())
                        .append("</td></tr>\n");
                continue;
            }
            int first = 0;
            out.append("<tr");
            if (!row.isEmpty() && row.get(0) instanceof RowClass rc) {
                out.append(" class=\"").append(rc.name()).append('"');
                first = 1;
            }
            out.append('>');
            for (Object cell : row.subList(first, row.size())) {
                Cell c = cell instanceof Cell given ? given : text(String.valueOf(cell));
                out.append(c.cssClass().isEmpty() ? "<td>" : "<td class=\"" + c.cssClass() + "\">")
                        .append(c.html())
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody></table></div>\n").toString();
    }

    /** A row's class, to mark it without a column of its own. */
    record RowClass(String name) {}

    /** A row of markup across every column, under the row it explains (a plan's violations). */
    record Detail(String html) {}

    static String definitions(List<Summary.Line> lines) {
        StringBuilder out = new StringBuilder("<dl class=\"facts\">\n");
        for (Summary.Line l : lines)
            out.append("<dt>")
                    .append(escape(l.label()))
                    .append("</dt><dd>")
                    .append(escape(l.value()))
                    .append("</dd>\n");
        return out.append("</dl>\n").toString();
    }
}
