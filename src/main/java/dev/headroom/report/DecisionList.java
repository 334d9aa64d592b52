package dev.headroom.report;

import dev.headroom.sizing.Decision;
import java.util.List;
import java.util.Map;

/** Each decision as a reader checks it: what went in, the formula, what came out, and why. */
final class DecisionList {
    private DecisionList() {}

    static String render(List<Decision> decisions) {
        if (decisions.isEmpty()) return "<p class=\"empty\">The sizer recorded no decisions.</p>\n";
        StringBuilder out = new StringBuilder();
        for (Decision d : decisions) {
            out.append("<article class=\"decision\">\n<h3>").append(Html.escape(d.name()));
            if (!d.evaluated()) out.append(' ').append(Html.badge("not evaluated", "warning"));
            out.append("</h3>\n");
            if (!d.inputs().isEmpty() || !d.result().isEmpty()) {
                out.append("<div class=\"io\">\n")
                        .append(values("Input", d.inputs()))
                        .append(values("Result", d.result()))
                        .append("</div>\n");
            }
            if (!d.formula().isBlank())
                out.append("<p class=\"formula\"><span>Formula</span> <code>")
                        .append(Html.escape(d.formula()))
                        .append("</code></p>\n");
            if (!d.reasoning().isBlank())
                out.append("<p class=\"reasoning\">")
                        .append(Html.escape(d.reasoning()))
                        .append("</p>\n");
            out.append("</article>\n");
        }
        return out.toString();
    }

    private static String values(String heading, Map<String, Object> values) {
        if (values.isEmpty()) return "";
        return Html.table(
                "kv",
                List.of(heading, "Value"),
                values.entrySet().stream()
                        .map(e -> List.<Object>of(
                                Html.raw("<code>" + Html.escape(e.getKey()) + "</code>", ""),
                                Html.num(Figures.value(e.getValue()))))
                        .toList());
    }
}
