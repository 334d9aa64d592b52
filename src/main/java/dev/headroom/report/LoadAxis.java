package dev.headroom.report;

import dev.headroom.sizing.MeasuredStep;
import java.util.List;

/**
 * The x axis of every chart and the "load" column of every table: the offered rate when every step
 * has one (an open model: the rate is what the test varied, and concurrency only followed it by
 * Little's law), else concurrency when every step has it (a closed model, or another tool's table).
 * One axis per report, so no point is plotted against a different quantity than its neighbours.
 */
enum LoadAxis {
    CONCURRENCY("Concurrency", "requests in flight"),
    OFFERED("Offered load", "req/s"),
    /** Some steps have only concurrency and others only the offered rate: the model's own load(). */
    MIXED("Load", "concurrency, or offered req/s");

    private final String label;
    private final String unit;

    LoadAxis(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    static LoadAxis of(List<MeasuredStep> steps) {
        if (steps.stream().allMatch(s -> MeasuredStep.measured(s.offeredRps()))) return OFFERED;
        if (steps.stream().allMatch(s -> MeasuredStep.measured(s.concurrency()))) return CONCURRENCY;
        return MIXED;
    }

    double of(MeasuredStep s) {
        return switch (this) {
            case CONCURRENCY -> s.concurrency();
            case OFFERED -> s.offeredRps();
            case MIXED -> s.load();
        };
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }

    /** "Concurrency (requests in flight)", for an axis title or a column header. */
    String title() {
        return label + " (" + unit + ")";
    }

    /** The USL is a function of concurrency: its curve belongs on no other axis. */
    boolean carriesUslCurve() {
        return this == CONCURRENCY;
    }
}
