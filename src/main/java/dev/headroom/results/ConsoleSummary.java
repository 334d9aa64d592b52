package dev.headroom.results;

import dev.headroom.metrics.StepResult;
import dev.headroom.scenario.LoadModel;
import java.util.List;
import java.util.Locale;

/** The table printed at the end of a run: one line per measured step. */
public final class ConsoleSummary {
    private ConsoleSummary() {}

    private static final String HEADER = String.format(
            "%4s %8s %7s %8s %8s %7s %7s %7s %6s %6s %6s %5s %5s %7s %7s %4s %s",
            "step", "offered", "conc", "sent/s", "thru/s", "p50ms", "p95ms", "p99ms", "err%", "appCPU", "dbCPU", "pool",
            "pend", "acq_ms", "hold_ms", "SLO", "valid");

    public static String render(List<StepResult> steps) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (StepResult s : steps) {
            out.append(String.format(
                            Locale.ROOT,
                            "%4d %8s %7s %8s %8s %7s %7s %7s %6s %6s %6s %5s %5s %7s %7s %4s %s",
                            s.step(),
                            num(s.offered(), 0) + (s.model() == LoadModel.CLOSED ? "u" : ""),
                            num(s.concurrency(), 1),
                            num(s.client().sentRps(), 1),
                            num(s.client().throughputRps(), 1),
                            num(s.client().latencyP50Ms(), 0),
                            num(s.client().latencyP95Ms(), 0),
                            num(s.client().latencyP99Ms(), 0),
                            num(s.client().errorRatio() * 100, 2),
                            num(s.server().appCpuCores(), 2),
                            num(s.server().dbCpuCores(), 2),
                            num(s.server().poolActiveAvg(), 1),
                            num(s.server().poolPendingAvg(), 1),
                            num(s.server().connAcquireMsAvg(), 2),
                            num(s.server().connUsageMsAvg(), 2),
                            s.sloMet() ? "yes" : "no",
                            s.validity().valid() ? "yes" : "NO: " + s.validity().reason()))
                    .append('\n');
        }
        return out.toString();
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
