package dev.headroom.scenario;

/**
 * One planned step: the offered load and where its ramp and steady window fall, in seconds from the
 * start of the warm-up.
 */
public record StepPlan(int step, double offered, double rampStartS, double steadyStartS, double steadyEndS) {
    public StepPlan {
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
