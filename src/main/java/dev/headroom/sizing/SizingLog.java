package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The decisions and findings of one sizing, in the order they were made. */
final class SizingLog {
    private final List<Decision> decisions = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    void decide(Decision d) {
        decisions.add(d);
    }

    void find(Finding f) {
        findings.add(f);
    }

    List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    /** Errors first, then warnings, then notes; in the order found within each. */
    List<Finding> findings() {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing((Finding f) -> f.severity()).reversed());
        return sorted;
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "not measured" : String.format("%.1f", v);
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "not measured" : String.format("%.0f %%", fraction * 100);
    }
}
