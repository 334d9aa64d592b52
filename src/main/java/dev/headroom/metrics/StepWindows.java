package dev.headroom.metrics;

import dev.headroom.scenario.StepPlan;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Places instants in the steady window of their step. The timeline starts when the first request
 * is sent, which is when Gatling starts the injection profile the plan was built from.
 */
public final class StepWindows {
    private static final long UNSET = Long.MIN_VALUE;

    private final List<StepPlan> plan;
    private final AtomicLong startNanos = new AtomicLong(UNSET);

    public StepWindows(List<StepPlan> plan) {
        this.plan = List.copyOf(plan);
    }

    public List<StepPlan> plan() {
        return plan;
    }

    /** Marks the start of the timeline at the first call; returns true for that first call. */
    public boolean startIfUnset(long nanos) {
        return startNanos.compareAndSet(UNSET, nanos);
    }

    public boolean started() {
        return startNanos.get() != UNSET;
    }

    /** The step whose steady window holds {@code nanos} (1-based), or 0 outside every window. */
    public int stepAt(long nanos) {
        long start = startNanos.get();
        if (start == UNSET) return 0;
        double s = (nanos - start) / 1e9;
        int lo = 0;
        int hi = plan.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            StepPlan p = plan.get(mid);
            if (s < p.steadyStartS()) hi = mid - 1;
            else if (s >= p.steadyEndS()) lo = mid + 1;
            else return p.step();
        }
        return 0;
    }

    public long steadyStartNanos(int step) {
        return startNanos.get() + (long) (plan.get(step - 1).steadyStartS() * 1e9);
    }

    public long steadyEndNanos(int step) {
        return startNanos.get() + (long) (plan.get(step - 1).steadyEndS() * 1e9);
    }
}
