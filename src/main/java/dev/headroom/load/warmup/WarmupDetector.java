package dev.headroom.load.warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Decides, window by window at a fixed arrival rate, when the service has left its warm-up:
 * measured, not timed. The strongest test the target's metrics allow is used:
 *
 * <ol>
 *   <li>with JVM compilation time and CPU: the compiler took at most {@code jitShareMax} of the
 *       service's CPU over the last block, and CPU per request of the last block is within
 *       {@code tolerance} of the block before. Why the compiler's share: compilation counts as CPU,
 *       so a share s overstates CPU per request by up to s; bounding it by the tolerance keeps the
 *       compiler's error no larger than the noise the second test accepts;
 *   <li>with CPU only: CPU per request alone, as above;
 *   <li>without CPU: mean latency alone, block to block within {@code tolerance}.
 * </ol>
 *
 * <p>Blocks of several windows are compared, not single windows: after the fall the reference
 * service's CPU still moved by about ±10 % per 15 s window (C2 compiling in bursts), and between
 * 68 and 85 s its fall paused for one window (README, "How long the service takes to warm up").
 * Past {@code maxS} the warm-up ends as {@link WarmupCriterion#NEVER_SETTLED}, which is a finding; a
 * window that completed less than 95 % of the rate ends it as {@link WarmupCriterion#FELL_BEHIND}
 * (a saturated service's CPU per request is steady too, so the steadiness tests cannot see a queue).
 */
public final class WarmupDetector {
    private final WarmupSettings settings;
    private final List<WarmupWindow> windows = new ArrayList<>();
    private double elapsedS;
    private WarmupVerdict verdict;

    public WarmupDetector(WarmupSettings settings) {
        if (settings == null) throw new IllegalArgumentException("settings are required");
        this.settings = settings;
    }

    /** Adds the window just measured and says whether the warm-up is over. */
    public WarmupVerdict add(WarmupWindow w) {
        if (verdict != null && verdict.ended()) return verdict;
        windows.add(w);
        elapsedS += w.durationS();
        if (!w.keptUp()) {
            // a queue has no steady state, and CPU per request at the budget would look steady
            verdict = new WarmupVerdict(
                    true,
                    WarmupCriterion.FELL_BEHIND,
                    elapsedS,
                    String.format(
                            Locale.ROOT,
                            "completed %.1f of %.1f req/s offered: the warm-up rate is past the knee",
                            w.throughputRps(),
                            w.offeredRps()));
            return verdict;
        }
        verdict = judge();
        return verdict;
    }

    private WarmupVerdict judge() {
        int n = settings.windowsPerBlock();
        if (windows.size() >= 2 * n) {
            List<WarmupWindow> last = windows.subList(windows.size() - n, windows.size());
            List<WarmupWindow> before = windows.subList(windows.size() - 2 * n, windows.size() - n);
            boolean cpu =
                    all(last, WarmupWindow::cpuSecondsPerRequest) && all(before, WarmupWindow::cpuSecondsPerRequest);
            boolean jit = cpu && all(last, WarmupWindow::jitCompileMs);
            if (cpu) {
                double change = change(before, last, WarmupWindow::cpuSecondsPerRequest);
                String detail = String.format(
                        Locale.ROOT,
                        "CPU per request changed %.1f %% block to block (tolerance %.0f %%)",
                        change * 100,
                        settings.tolerance() * 100);
                if (jit) {
                    double share = sum(last, WarmupWindow::jitCompileMs) / sum(last, WarmupWindow::cpuMs);
                    detail += String.format(
                            Locale.ROOT,
                            "; JIT %.1f %% of the CPU (at most %.0f %%)",
                            share * 100,
                            settings.jitShareMax() * 100);
                    if (change <= settings.tolerance() && share <= settings.jitShareMax())
                        return new WarmupVerdict(true, WarmupCriterion.JIT_AND_CPU_PER_REQUEST, elapsedS, detail);
                } else if (change <= settings.tolerance()) {
                    return new WarmupVerdict(true, WarmupCriterion.CPU_PER_REQUEST, elapsedS, detail);
                }
                return maxOr(detail);
            }
            if (all(last, WarmupWindow::latencyMeanS) && all(before, WarmupWindow::latencyMeanS)) {
                double change = change(before, last, WarmupWindow::latencyMeanS);
                String detail = String.format(
                        Locale.ROOT,
                        "mean latency changed %.1f %% block to block (tolerance %.0f %%)",
                        change * 100,
                        settings.tolerance() * 100);
                if (change <= settings.tolerance())
                    return new WarmupVerdict(true, WarmupCriterion.LATENCY, elapsedS, detail);
                return maxOr(detail);
            }
            return maxOr("neither CPU per request nor latency measured in the last " + 2 * n + " windows");
        }
        return maxOr("fewer than " + 2 * n + " windows so far");
    }

    private WarmupVerdict maxOr(String detail) {
        if (elapsedS >= settings.maxS())
            return new WarmupVerdict(
                    true,
                    WarmupCriterion.NEVER_SETTLED,
                    elapsedS,
                    "not settled after " + Math.round(elapsedS) + " s: " + detail);
        return new WarmupVerdict(false, null, elapsedS, detail);
    }

    /** |mean(last) / mean(before) - 1|. */
    private static double change(List<WarmupWindow> before, List<WarmupWindow> last, ToDoubleFunction<WarmupWindow> f) {
        return Math.abs(sum(last, f) / sum(before, f) - 1);
    }

    private static boolean all(List<WarmupWindow> ws, ToDoubleFunction<WarmupWindow> f) {
        return ws.stream().allMatch(w -> !Double.isNaN(f.applyAsDouble(w)) && f.applyAsDouble(w) > 0);
    }

    private static double sum(List<WarmupWindow> ws, ToDoubleFunction<WarmupWindow> f) {
        return ws.stream().mapToDouble(f).sum();
    }
}
