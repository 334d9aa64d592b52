package dev.headroom.report;

import dev.headroom.sizing.Plan;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * How figures read in a report: the model's canonical units converted at this edge (seconds to
 * milliseconds, ratios to percent), NaN spelled out, never printed as 0 or "NaN".
 */
final class Figures {
    /** What a reader sees for a figure the steps did not carry. */
    static final String NOT_MEASURED = "not measured";

    /** A cost part without a price is not a measurement that is missing, so it says so. */
    static final String NO_PRICE = "no price";

    private Figures() {}

    /** A figure with as many digits as a reader can use: three significant ones, at most. */
    static String number(double v) {
        if (Double.isNaN(v)) return NOT_MEASURED;
        if (Double.isInfinite(v)) return v > 0 ? "unbounded" : "-unbounded";
        double abs = Math.abs(v);
        if (v == Math.rint(v) && abs < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        if (abs >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (abs >= 10) return trim(String.format(Locale.ROOT, "%.1f", v));
        if (abs >= 1) return trim(String.format(Locale.ROOT, "%.2f", v));
        return trim(String.format(Locale.ROOT, "%.3g", v));
    }

    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) return NOT_MEASURED;
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static String ms(double seconds) {
        return Double.isNaN(seconds) ? NOT_MEASURED : number(seconds * 1000);
    }

    static String percent(double ratio) {
        return Double.isNaN(ratio) ? NOT_MEASURED : number(ratio * 100) + " %";
    }

    static String usd(double usd) {
        return Double.isNaN(usd) ? NO_PRICE : "$" + fixed(usd, 0);
    }

    /** A plan's monthly total, flagged when a part had no price and so is left out of it. */
    static String total(Plan.Cost cost) {
        String total = usd(cost.totalUsdPerMonth());
        return cost.complete() || Double.isNaN(cost.totalUsdPerMonth()) ? total : total + " (partial)";
    }

    /** A figure with its unit, or just "not measured" (a unit after it would read as a value). */
    static String withUnit(double v, String unit) {
        return Double.isNaN(v) ? NOT_MEASURED : number(v) + " " + unit;
    }

    /** A model parameter such as the USL's κ, which lives at 1e-4 and below: four significant digits. */
    static String parameter(double v) {
        return Double.isNaN(v) ? NOT_MEASURED : trim(String.format(Locale.ROOT, "%.4g", v));
    }

    /** Whole counts where 0 means "not known" in the model (the test bed's pool size). */
    static String count(int v) {
        return v > 0 ? Integer.toString(v) : NOT_MEASURED;
    }

    /** The value of a decision's input or result, whatever type the sizer put there. */
    static String value(Object v) {
        if (v == null) return NOT_MEASURED;
        if (v instanceof Double d) return number(d);
        if (v instanceof Number n) return number(n.doubleValue());
        if (v instanceof Optional<?> o) return o.map(Figures::value).orElse("none");
        if (v instanceof OptionalInt o) return o.isPresent() ? Integer.toString(o.getAsInt()) : "none";
        if (v instanceof OptionalDouble o) return o.isPresent() ? number(o.getAsDouble()) : "none";
        if (v instanceof Collection<?> c) return c.stream().map(Figures::value).collect(Collectors.joining(", "));
        if (v instanceof Map<?, ?> m)
            return m.entrySet().stream()
                    .map(e -> e.getKey() + " = " + value(e.getValue()))
                    .collect(Collectors.joining(", "));
        return String.valueOf(v);
    }

    /**
     * A Terraform variable exactly as the sizer set it: rounding there would change the plan, so
     * doubles keep every digit; only NaN is spelled out.
     */
    static String exact(Object v) {
        if (v instanceof Double d && d.isNaN()) return NOT_MEASURED;
        if (v instanceof Optional<?> o) return o.map(Figures::exact).orElse("none");
        if (v instanceof Collection<?> c)
            return c.stream().map(Figures::exact).collect(Collectors.joining(", ", "[", "]"));
        return String.valueOf(v);
    }

    private static String trim(String s) {
        if (!s.contains(".") || s.contains("e")) return s;
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
