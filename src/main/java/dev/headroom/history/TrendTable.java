package dev.headroom.history;

import dev.headroom.report.HeadlineFigures;
import dev.headroom.report.Html;
import dev.headroom.scenario.LoadModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The trend's runs as a table: in trend.html, and as trend.md for a job summary or a chat message. */
public final class TrendTable {
    public static final String MARKDOWN = "trend.md";

    private static final List<String> HEADERS = List.of(
            "run (started, UTC)",
            "commit",
            "status",
            "capacity at SLO (req/s)",
            "max throughput (req/s)",
            "CPU per request (ms)",
            "service CPU per database CPU",
            "connection hold (ms)",
            "p95 (ms)",
            "host CPU speed (ops/CPU s)",
            "recommendation");

    private TrendTable() {}

    /** "11-22 04:45 · 610dd8107e": a chart's point label. */
    static String label(RunSummary r) {
        String t = r.startedAt();
        String when = t.length() >= 16 ? t.substring(5, 10) + " " + t.substring(11, 16) : t;
        return when + " · " + r.environment().shortCommit();
    }

    static String load(double load, String model) {
        if (Double.isNaN(load)) return "no reference load";
        return String.format(
                Locale.ROOT,
                "%.0f %s",
                load,
                LoadModel.of(model).orElse(LoadModel.OPEN).loadUnit());
    }

    /** Newest first: the reader wants last night at the top. */
    static List<RunSummary> rows(Trend t) {
        List<RunSummary> all = new ArrayList<>(t.alike());
        all.addAll(t.others());
        all.sort(Comparator.comparing(RunSummary::startedAt).reversed());
        return all;
    }

    static List<String> cells(RunSummary r, Trend t) {
        HeadlineFigures f = r.figures();
        boolean measured = r.measuredInFull();
        List<String> baselines = t.baselines().namesOf(r.runId());
        return List.of(
                r.runId() + (baselines.isEmpty() ? "" : " (baseline: " + String.join(", ", baselines) + ")"),
                r.environment().shortCommit() + (r.environment().gitDirty() ? " (dirty)" : ""),
                r.status()
                        + (r.environment().extraCpuUsPerOrder() > 0
                                ? ", +" + r.environment().extraCpuUsPerOrder() + " µs CPU/order"
                                : ""),
                measured ? bound(f.capacityAtSloRps(), f.saturated()) : "",
                measured ? bound(f.maxThroughputRps(), f.saturated()) : "",
                measured ? num(f.cpuSecondsPerRequest() * 1000) : "",
                measured ? num(f.cpuPerDbCpu()) : "",
                measured ? num(f.connHoldSeconds() * 1000) : "",
                measured ? num(f.latencyP95Seconds() * 1000) : "",
                num(r.environment().calibration().opsPerCpuS()),
                r.recommendation().map(Recommendation::brief).orElse(""));
    }

    /** "≥ 120" when the run never saturated: the figure is a lower bound. */
    static String bound(double v, boolean saturated) {
        return Double.isNaN(v) || saturated ? num(v) : "≥ " + num(v);
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "–";
        double a = Math.abs(v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String html(Trend t) {
        StringBuilder out = new StringBuilder("<div class=\"scroll\"><table class=\"runs\"><thead><tr>");
        HEADERS.forEach(h -> out.append("<th>").append(Html.escape(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (RunSummary r : rows(t)) {
            out.append(r.measuredInFull() ? "<tr>" : "<tr class=\"invalid\">");
            List<String> cells = cells(r, t);
            for (int i = 0; i < cells.size(); i++)
                out.append(i >= 3 && i <= 9 ? "<td class=\"n\">" : "<td>")
                        .append(Html.escape(cells.get(i)))
                        .append("</td>");
            out.append("</tr>\n");
        }
        return out.append("</tbody></table></div>\n").toString();
    }

    /** The same table in GitHub-flavoured Markdown, under a one-line heading. */
    public static String markdown(Trend t) {
        StringBuilder md = new StringBuilder("### Headroom trend: ")
                .append(t.scenario().isEmpty() ? "no runs" : t.scenario())
                .append(" (last ")
                .append(t.alike().size())
                .append(" alike runs, newest first)\n\n");
        if (t.alike().isEmpty() && t.others().isEmpty())
            return md.append("No runs yet.\n").toString();
        line(md, HEADERS);
        line(md, HEADERS.stream().map(h -> "---").toList());
        for (RunSummary r : rows(t)) line(md, cells(r, t));
        if (!t.alike().isEmpty())
            md.append("\n<sub>Per-request figures at ")
                    .append(load(
                            t.alike().get(t.alike().size() - 1).figures().referenceLoad(),
                            t.alike().get(0).environment().loadModel()))
                    .append("; ≥: the run never saturated, so the figure is a lower bound.</sub>\n");
        return md.toString();
    }

    private static void line(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String c : cells)
            md.append(' ')
                    .append(c.isEmpty() ? " " : c.replace("|", "\\|").replace("<", "&lt;"))
                    .append(" |");
        md.append('\n');
    }
}
