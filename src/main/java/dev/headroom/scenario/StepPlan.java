package dev.headroom.scenario;

/**
 * One planned step: the offered load and where its ramp and steady window fall, in seconds from the
 * start of the warm-up (a staircase) or of the first request (a search, whose trials are planned one
 * at a time). {@code phase} says why it was run: a staircase's step, or a search trial's phase.
 */
public record StepPlan(
        int step, double offered, double rampStartS, double steadyStartS, double steadyEndS, SearchPhase phase) {
    /** A staircase step. */
    public StepPlan(int step, double offered, double rampStartS, double steadyStartS, double steadyEndS) {
        this(step, offered, rampStartS, steadyStartS, steadyEndS, SearchPhase.STEP);
    }

    public StepPlan {
        if (phase == null) throw new IllegalArgumentException("step " + step + ": a phase is required");
        if (step < 1) throw new IllegalArgumentException("step must be >= 1, was " + step);
        if (!(rampStartS <= steadyStartS && steadyStartS < steadyEndS)) {
            throw new IllegalArgumentException("step " + step + ": need rampStart <= steadyStart < steadyEnd, was "
                    + rampStartS + ", " + steadyStartS + ", " + steadyEndS);
        }
    }

    public double steadyDurationS() {
        return steadyEndS - steadyStartS;
    }
}
