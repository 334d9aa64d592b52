package dev.headroom.compare;

import dev.headroom.scenario.LoadModel;
import java.util.Locale;

/** How the comparison's numbers read: three significant digits, signed changes, NaN spelled out. */
final class Text {
    private Text() {}

    static String figure(double v) {
        if (Double.isNaN(v)) return "not measured";
        double abs = Math.abs(v);
        if (abs >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (abs >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (abs >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String withUnit(double v, String unit) {
        return Double.isNaN(v) ? "not measured" : figure(v) + " " + unit;
    }

    static String change(double relative) {
        return Double.isNaN(relative) ? "–" : String.format(Locale.ROOT, "%+.1f %%", relative * 100);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    /** "99.2 % (4.1× noise)", or why it cannot be said. */
    static String sureness(FigureChange f) {
        if (f.change() == Change.NOT_MEASURED) return "–";
        if (Double.isNaN(f.confidence())) return "unknown (no noise measured)";
        return String.format(Locale.ROOT, "%.1f %% (%.1f× noise)", f.confidence() * 100, Math.abs(f.t()));
    }

    static String noise(FigureChange f) {
        if (Double.isNaN(f.noiseCv())) return "–";
        return String.format(Locale.ROOT, "%.1f %% (%d runs)", f.noiseCv() * 100, f.noiseRuns());
    }

    static String load(double load, String model) {
        if (Double.isNaN(load)) return "not known";
        return figure(load) + (" " + LoadModel.of(model).orElse(LoadModel.OPEN).loadUnit());
    }
}
