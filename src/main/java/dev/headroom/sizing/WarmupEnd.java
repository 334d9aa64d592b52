package dev.headroom.sizing;

import java.util.Locale;
import java.util.Optional;

/**
 * How a search's warm-up ended, as run.json's {@code warmup} records it (load.SearchDriver): the
 * criterion that ended it, whether the service was then in a steady state, how often it fell
 * behind, and how much CPU per request still moved between its last two windows at one rate. A
 * capacity measured on a service still warming up is low: the JIT had not compiled all it would,
 * so each request cost more CPU in the trials than it will in production.
 *
 * @param endedBy run.json's {@code warmup.ended_by}, e.g. {@code settled}, {@code never_settled}
 * @param settled whether the warm-up's detector found the service steady
 * @param durationS how long the warm-up took, seconds
 * @param fellBehind how many warm-up windows fell behind (0 when not recorded)
 * @param lastCpuPerRequestMs CPU per request in the last window, ms (NaN when not measured)
 * @param cpuPerRequestChange (last - previous) / previous over the last two windows at the same
 *     rate (NaN without two such windows); negative: still falling
 */
public record WarmupEnd(
        String endedBy,
        boolean settled,
        double durationS,
        int fellBehind,
        double lastCpuPerRequestMs,
        double cpuPerRequestChange) {

    public WarmupEnd {
        endedBy = endedBy == null ? "" : endedBy;
    }

    /** A warning when the warm-up did not settle or fell behind; nothing when it settled. */
    static void findings(Optional<WarmupEnd> warmup, double capacityAtSloRps, SizingLog log) {
        if (warmup.isEmpty()) return;
        WarmupEnd w = warmup.get();
        if (w.settled() && w.fellBehind() == 0) return;
        StringBuilder m = new StringBuilder(
                w.settled()
                        ? String.format(Locale.ROOT, "the warm-up settled after %.0f s", w.durationS())
                        : String.format(
                                Locale.ROOT,
                                "the warm-up ended %s after %.0f s without a steady state",
                                w.endedBy().isEmpty() ? "unrecorded" : w.endedBy(),
                                w.durationS()));
        if (w.fellBehind() > 0)
            m.append(String.format(
                    Locale.ROOT,
                    "; %d of its windows fell behind (the service was pushed past its knee)",
                    w.fellBehind()));
        if (!Double.isNaN(w.cpuPerRequestChange()))
            m.append(String.format(
                    Locale.ROOT,
                    "; CPU per request moved %+.0f %% between its last two windows at one rate (last %.3f ms)",
                    w.cpuPerRequestChange() * 100,
                    w.lastCpuPerRequestMs()));
        m.append(String.format(
                Locale.ROOT,
                ". A service still warming spends more CPU a request than a warm one, so the capacity at the SLO"
                        + " (%.1f req/s) may be low: a longer warm-up (load.warmup_max_s) or the default scenario"
                        + " measures it warmer",
                capacityAtSloRps));
        log.find(Finding.warning(FindingCode.WARMUP_NOT_SETTLED, m.toString()));
    }
}
