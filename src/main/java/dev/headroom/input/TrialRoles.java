package dev.headroom.input;

import dev.headroom.scenario.SearchPhase;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.StepRole;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one mapping from steps.csv's {@code phase} (whose names {@link SearchPhase} owns) to the
 * sizer's {@link StepRole}: a staircase step, or a short or full-length search trial. Probes are
 * short and confirmations and repeats full-length by the search's construction (docs/search.md);
 * a bisection is short, unless the search bisects again at full length after a failed
 * confirmation, which only the trial's length tells.
 */
final class TrialRoles {
    /** The phase names steps.csv accepts, for error messages. */
    static final String ACCEPTED =
            Arrays.stream(SearchPhase.values()).map(SearchPhase::csvName).collect(Collectors.joining(", "));

    /**
     * A bisection at least this share of the shortest confirmation's steady window is full-length.
     * The default search runs 10 s short and 30 s full trials, quick 5 s and 15 s (a factor 3), so
     * any share between 1/3 and 1 separates them; 0.9 leaves a steady window a sampler tick shorter
     * than its confirmation's still full-length.
     */
    static final double FULL_LENGTH_SHARE = 0.9;

    /** A row as read, before its role is known: a bisection's needs the whole table. */
    record Read(MeasuredStep step, SearchPhase phase, double steadySeconds) {}

    private TrialRoles() {}

    /** The steps with their roles: the shortest confirm or repeat window sets what full-length is. */
    static List<MeasuredStep> assign(List<Read> rows) {
        double fullS = rows.stream()
                .filter(r -> r.phase() == SearchPhase.CONFIRM || r.phase() == SearchPhase.REPEAT)
                .mapToDouble(Read::steadySeconds)
                .filter(s -> !Double.isNaN(s))
                .min()
                .orElse(Double.NaN);
        return rows.stream().map(r -> withRole(r, fullS)).toList();
    }

    /**
     * A bisection without a measured window, or in a search whose confirmations have none, counts
     * as short: it can then only lower confidence in a capacity (a full-length pass not counted),
     * never raise it.
     */
    static StepRole role(SearchPhase phase, double steadySeconds, double fullLengthSeconds) {
        return switch (phase) {
            case STEP -> StepRole.STAIRCASE;
            case PROBE, RETEST -> StepRole.SHORT_TRIAL;
            case CONFIRM, REPEAT -> StepRole.FULL_TRIAL;
            case BISECT -> steadySeconds >= FULL_LENGTH_SHARE * fullLengthSeconds
                    ? StepRole.FULL_TRIAL
                    : StepRole.SHORT_TRIAL;
        };
    }

    private static MeasuredStep withRole(Read r, double fullS) {
        if (r.phase() == SearchPhase.STEP) return r.step();
        MeasuredStep s = r.step();
        return new MeasuredStep(
                s.step(),
                s.concurrency(),
                s.offeredRps(),
                s.throughputRps(),
                s.latencyMeanSeconds(),
                s.latencyP95Seconds(),
                s.latencyP99Seconds(),
                s.errorRatio(),
                s.appCpuCores(),
                s.dbCpuCores(),
                s.poolActiveAvg(),
                s.poolPendingAvg(),
                s.connAcquireSeconds(),
                s.connHoldSeconds(),
                s.appMemoryMib(),
                s.poolMax(),
                s.requestThreadsBusyAvg(),
                s.gcPauseSecondsPerSecond(),
                s.hostIdleCores(),
                s.dbReadSecondsPerSecond(),
                s.dbWriteSecondsPerSecond(),
                s.valid(),
                s.invalidReason(),
                role(r.phase(), r.steadySeconds(), fullS),
                r.phase().csvName());
    }
}
