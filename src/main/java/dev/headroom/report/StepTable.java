package dev.headroom.report;

import dev.headroom.sizing.CapacityAnalysis;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.StepRole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Every step as measured, in run order (a search's trials in trial order, with their phase): what it counted for first (its marks, validity and SLO
 * verdict), then its figures. A figure no step carries gets no column, only a note, so a steps.csv
 * from another tool does not fill the page with "not measured".
 */
final class StepTable {
    private StepTable() {}

    /** A figure's column: the header (with its unit), the figure, and how it reads. */
    record Column(String header, ToDoubleFunction<MeasuredStep> figure, DoubleFunction<String> format) {}

    static final List<Column> FIGURES = List.of(
            new Column("Concurrency (in flight)", MeasuredStep::concurrency, Figures::number),
            new Column("Offered req/s", MeasuredStep::offeredRps, Figures::number),
            new Column("Throughput req/s", MeasuredStep::throughputRps, Figures::number),
            new Column("p95 ms", MeasuredStep::latencyP95Seconds, Figures::ms),
            new Column("p99 ms", MeasuredStep::latencyP99Seconds, Figures::ms),
            new Column("Errors", MeasuredStep::errorRatio, Figures::percent),
            new Column("Service CPU cores", MeasuredStep::appCpuCores, Figures::number),
            new Column("DB CPU cores", MeasuredStep::dbCpuCores, Figures::number),
            new Column("Pool active", MeasuredStep::poolActiveAvg, Figures::number),
            new Column("Pool pending", MeasuredStep::poolPendingAvg, Figures::number),
            new Column("Conn acquire ms", MeasuredStep::connAcquireSeconds, Figures::ms),
            new Column("Conn hold ms", MeasuredStep::connHoldSeconds, Figures::ms),
            new Column("Memory MiB", MeasuredStep::appMemoryMib, Figures::number));

    static String render(Sizing sizing) {
        if (sizing.steps().isEmpty()) return "<p class=\"empty\">No steps.</p>\n";
        List<Column> shown = FIGURES.stream()
                .filter(c -> sizing.steps().stream()
                        .anyMatch(s -> MeasuredStep.measured(c.figure().applyAsDouble(s))))
                .toList();
        // a search's trials say which phase each was, short or full-length: the capacity rests on the latter
        boolean search = StepRole.anySearchTrial(sizing.steps());
        List<String> headers = new ArrayList<>(List.of(search ? "Trial" : "Step"));
        if (search) headers.add("Phase");
        headers.addAll(List.of("Mark", "Valid", "SLO"));
        shown.forEach(c -> headers.add(c.header()));
        List<List<Object>> rows = new ArrayList<>();
        for (MeasuredStep s : sizing.steps().stream()
                .sorted(Comparator.comparingInt(MeasuredStep::step))
                .toList()) {
            List<Object> row = new ArrayList<>();
            row.add(new Html.RowClass(s.valid() ? "valid" : "invalid"));
            row.add(Html.num(Integer.toString(s.step())));
            if (search) row.add(phase(s));
            row.add(Html.raw(marks(s, sizing), ""));
            row.add(s.valid() ? "yes" : Html.raw(Html.badge("invalid", "error"), ""));
            row.add(slo(s, sizing));
            shown.forEach(c -> row.add(Html.num(c.format().apply(c.figure().applyAsDouble(s)))));
            rows.add(row);
            if (!s.valid())
                rows.add(List.of(new Html.Detail("<span class=\"label\">Step " + s.step() + " invalid:</span> "
                        + Html.escape(s.invalidReason().isBlank() ? "no reason recorded" : s.invalidReason()))));
        }
        List<String> missing = FIGURES.stream()
                .filter(c -> !shown.contains(c))
                .map(Column::header)
                .toList();
        return Html.table("steps", headers, rows)
                + (missing.isEmpty()
                        ? ""
                        : "<p class=\"note\">Not measured at any step: " + Html.escape(String.join(", ", missing))
                                + ".</p>\n");
    }

    /** "bisect (full length)": the phase as steps.csv named it, and the length the sizer read it as. */
    static String phase(MeasuredStep s) {
        return switch (s.role()) {
            case STAIRCASE -> s.phase();
            case SHORT_TRIAL -> s.phase() + " (short)";
            case FULL_TRIAL -> s.phase() + " (full length)";
        };
    }

    private static Html.Cell slo(MeasuredStep s, Sizing sizing) {
        return switch (CapacityAnalysis.meetsSlo(s, sizing.request().slo())) {
            case MET -> Html.raw(Html.badge("met", "ok"), "");
            case MISSED -> Html.raw(Html.badge("missed", "error"), "");
            case UNKNOWN -> Html.raw(Html.badge("unknown", "muted"), "");
        };
    }

    private static String marks(MeasuredStep s, Sizing sizing) {
        StringBuilder marks = new StringBuilder();
        if (sizing.capacity().atSlo().filter(s::equals).isPresent())
            marks.append(Html.badge("capacity at SLO", "capacity"));
        if (sizing.capacity().knee().filter(s::equals).isPresent()) marks.append(Html.badge("knee", "knee"));
        return marks.toString();
    }
}
