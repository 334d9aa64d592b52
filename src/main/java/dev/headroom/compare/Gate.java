package dev.headroom.compare;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a nightly run may not do to its baseline: how far each figure may move the wrong way, and
 * whether a new error finding fails it. A figure fails the gate only when it moved further than
 * its limit <em>and</em> the move is beyond the run-to-run noise at {@code confidence}: a change
 * the noise explains is reported as noise, however large, and a real change within the limit is
 * reported without failing. With no noise measured, the limit alone decides.
 *
 * @param limits how far each figure may move the wrong way, as a fraction (0.10: 10 %)
 * @param referenceLoad where the per-request figures are read; NaN: the scenario's middle step
 */
public record Gate(
        Map<Figure, Double> limits,
        boolean failOnNewErrorFindings,
        boolean failOnRecommendationChange,
        double confidence,
        double referenceLoad,
        String source) {

    public Gate {
        EnumMap<Figure, Double> copy = new EnumMap<>(Figure.class);
        copy.putAll(limits);
        limits = Collections.unmodifiableMap(copy);
        if (!(confidence > 0 && confidence < 1))
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }

    /**
     * The example gate: capacity may not drop more than 10 %, p95 at the reference load may
     * not rise more than 20 %, no new error findings; and, because the commit that makes each request
     * cost more is what a nightly run is for, CPU per request may not rise more than 15 % nor the
     * connection hold time 25 %.
     */
    public static Gate defaults() {
        Map<Figure, Double> limits = new EnumMap<>(Figure.class);
        limits.put(Figure.CAPACITY_AT_SLO, 0.10);
        limits.put(Figure.MAX_THROUGHPUT, 0.10);
        limits.put(Figure.P95_AT_REFERENCE, 0.20);
        limits.put(Figure.CPU_PER_REQUEST, 0.15);
        limits.put(Figure.CONNECTION_HOLD, 0.25);
        return new Gate(limits, true, false, 0.95, Double.NaN, "built-in defaults");
    }

    public Gate withLimit(Figure f, double fraction) {
        Map<Figure, Double> l = new EnumMap<>(Figure.class);
        l.putAll(limits);
        l.put(f, fraction);
        return new Gate(l, failOnNewErrorFindings, failOnRecommendationChange, confidence, referenceLoad, source);
    }

    public Gate with(
            boolean failOnNewErrorFindings,
            boolean failOnRecommendationChange,
            double confidence,
            double referenceLoad,
            String source) {
        return new Gate(limits, failOnNewErrorFindings, failOnRecommendationChange, confidence, referenceLoad, source);
    }

    /** "drops by more than 10 %" or "rises by more than 20 %". */
    public String describe(Figure f) {
        Double limit = limits.get(f);
        if (limit == null) return "not gated";
        return String.format(
                Locale.ROOT, "may not %s more than %s %%", f.higherIsBetter() ? "drop" : "rise", trim(limit * 100));
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
