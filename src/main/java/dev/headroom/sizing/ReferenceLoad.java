package dev.headroom.sizing;

import java.util.Collection;
import java.util.List;

/**
 * The load at which the per-request figures (CPU per request, connection hold, latency) are read
 * when no one names one: the middle step of the staircase. One rule for the run's assertions, the
 * report's headline figures and the history's trend, so that a limit means the same load in each.
 */
public final class ReferenceLoad {
    private ReferenceLoad() {}

    /**
     * The middle of {@code loads} once sorted, the lower middle of an even count; unmeasured (NaN)
     * loads are left out; NaN when none is left. A staircase meant to find the knee has its middle
     * below the knee, where a request's cost is its own and not the queue's; the lower middle keeps
     * an even staircase on that side.
     */
    public static double middle(Collection<Double> loads) {
        List<Double> sorted = loads.stream().filter(d -> !d.isNaN()).sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get((sorted.size() - 1) / 2);
    }
}
