package dev.headroom.load.search;

import dev.headroom.metrics.StepResult;
import dev.headroom.sizing.CapacityAnalysis;

/**
 * What one trial measured, and the run's verdicts on it. The search reads only the verdicts and the
 * throughput; the figures travel with it so the result can be read without steps.csv.
 *
 * @param throughputRps completed requests per second in the trial's measured window
 * @param latencyP95S 95th percentile from the intended send time, seconds; NaN when nothing completed
 * @param errorRatio failed / sent
 * @param withinSlo the trial met the scenario's SLO (latency percentiles and errors)
 * @param keptUp the service completed what was offered (throughput near the offered rate, no backlog)
 * @param valid false when the host or the injector, not the service, limited the trial
 * @param invalidReason why it was invalid; empty when valid
 * @param cpuMsPerRequest the service's CPU per completed request in the window (its CPU in cores over
 *     the throughput), ms; NaN when not measured. The search compares a fail's with the answer's
 *     (CapacitySearch, "retest")
 */
public record TrialOutcome(
        Trial trial,
        double throughputRps,
        double latencyP95S,
        double errorRatio,
        boolean withinSlo,
        boolean keptUp,
        boolean valid,
        String invalidReason,
        double cpuMsPerRequest) {

    public TrialOutcome {
        if (trial == null) throw new IllegalArgumentException("an outcome belongs to a trial");
        if (!(throughputRps >= 0) || Double.isInfinite(throughputRps))
            throw new IllegalArgumentException(
                    "trial " + trial.number() + ": throughput must be a finite number >= 0, got " + throughputRps);
        invalidReason = invalidReason == null ? "" : invalidReason;
        if (!valid && invalidReason.isBlank())
            throw new IllegalArgumentException("trial " + trial.number() + ": an invalid trial needs its reason");
    }

    /**
     * The verdicts on a trial measured as one step: within the SLO as the step judged it
     * ({@link StepResult#sloMet()}), kept up when it completed at least
     * {@link CapacityAnalysis#KEPT_UP} of the offered rate (the sizer's own rule, so the search and
     * the sizer agree on which trials held), valid as the lab judged it.
     */
    public static TrialOutcome of(Trial trial, StepResult step) {
        if (step.step() != trial.number())
            throw new IllegalArgumentException("step " + step.step() + " is not trial " + trial.number());
        double x = step.client().throughputRps();
        double cpu = step.server().appCpuCores();
        return new TrialOutcome(
                trial,
                x,
                step.client().latencyP95Ms() / 1000,
                step.client().errorRatio(),
                step.sloMet(),
                x >= CapacityAnalysis.KEPT_UP * trial.offeredRps(),
                step.validity().valid(),
                step.validity().reason(),
                x > 0 && cpu >= 0 ? cpu / x * 1000 : Double.NaN);
    }

    /** The same outcome with the service's CPU per request, ms (for tests and the search's retest). */
    public TrialOutcome withCpuMsPerRequest(double ms) {
        return new TrialOutcome(
                trial, throughputRps, latencyP95S, errorRatio, withinSlo, keptUp, valid, invalidReason, ms);
    }

    /** A valid trial that met the SLO and kept up. */
    public static TrialOutcome passed(Trial trial, double throughputRps, double latencyP95S) {
        return new TrialOutcome(trial, throughputRps, latencyP95S, 0, true, true, true, "", Double.NaN);
    }

    /** A valid trial that missed the SLO or fell behind. */
    public static TrialOutcome failed(Trial trial, double throughputRps, double latencyP95S, boolean withinSlo) {
        return new TrialOutcome(trial, throughputRps, latencyP95S, 0, withinSlo, false, true, "", Double.NaN);
    }

    /** A trial the host or the injector limited: it says nothing of the service. */
    public static TrialOutcome invalid(Trial trial, double throughputRps, String reason) {
        return new TrialOutcome(trial, throughputRps, Double.NaN, 0, false, false, false, reason, Double.NaN);
    }

    /** The service carried the rate: valid, within the SLO and kept up. */
    public boolean passed() {
        return valid && withinSlo && keptUp;
    }
}
