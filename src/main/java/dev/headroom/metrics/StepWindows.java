package dev.headroom.metrics;

import dev.headroom.scenario.StepPlan;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Places instants in the steady window of their step. The timeline starts when the first request
 * is sent (a staircase: when Gatling starts the injection profile the plan was built from), or when
 * a search (or a staircase with a settled warm-up) starts its warm-up. A staircase's plan is fixed
 * at the start; a search plans each trial when the one before it has been judged ({@link #add}),
 * up to {@link #capacity()} steps, and a settled staircase each step when the one before it ended.
 */
public final class StepWindows {
    private static final long UNSET = Long.MIN_VALUE;

    private final List<StepPlan> plan;
    private final int capacity;
    private final AtomicLong startNanos = new AtomicLong(UNSET);

    /** A staircase: every step planned before the load starts. */
    public StepWindows(List<StepPlan> plan) {
        this.plan = new CopyOnWriteArrayList<>(plan);
        this.capacity = plan.size();
    }

    /** A search: no step planned yet, at most {@code capacity} (its trial budget). */
    public static StepWindows growing(int capacity) {
        return new StepWindows(capacity);
    }

    private StepWindows(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        this.plan = new CopyOnWriteArrayList<>();
        this.capacity = capacity;
    }

    /** The steps planned so far (all of a staircase's). */
    public List<StepPlan> plan() {
        return List.copyOf(plan);
    }

    /** How many steps this timeline can ever hold. */
    public int capacity() {
        return capacity;
    }

    /**
     * Plans the next step (a search trial): it must be numbered one after the last and start no
     * earlier than the last one ends, so the windows stay ordered for {@link #stepAt}.
     */
    public void add(StepPlan next) {
        synchronized (plan) {
            int expected = plan.size() + 1;
            if (next.step() != expected || expected > capacity)
                throw new IllegalArgumentException(
                        "step " + next.step() + " cannot follow " + plan.size() + " (capacity " + capacity + ")");
            if (!plan.isEmpty() && next.rampStartS() < plan.get(plan.size() - 1).steadyEndS())
                throw new IllegalArgumentException(
                        "step " + next.step() + " starts before step " + plan.size() + " ends");
            plan.add(next);
        }
    }

    /** Marks the start of the timeline at the first call; returns true for that first call. */
    public boolean startIfUnset(long nanos) {
        return startNanos.compareAndSet(UNSET, nanos);
    }

    public boolean started() {
        return startNanos.get() != UNSET;
    }

    /** Seconds from the start of the timeline to {@code nanos}; NaN before it started. */
    public double secondsAt(long nanos) {
        long start = startNanos.get();
        return start == UNSET ? Double.NaN : (nanos - start) / 1e9;
    }

    /** The step whose steady window holds {@code nanos} (1-based), or 0 outside every window. */
    public int stepAt(long nanos) {
        long start = startNanos.get();
        if (start == UNSET) return 0;
        double s = (nanos - start) / 1e9;
        List<StepPlan> steps = plan;
        int lo = 0;
        int hi = steps.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            StepPlan p = steps.get(mid);
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
