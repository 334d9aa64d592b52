package dev.headroom.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stair-step load: an unmeasured warm-up, then {@code steps()} levels, each reached by a ramp and
 * then held steady. Only the steady part of a step is measured.
 */
public sealed interface LoadShape permits OpenLoad, ClosedLoad, SearchLoad {

    /** Open (a rate per step) or closed (users per step). */
    LoadModel model();

    double warmupS();

    /**
     * The longest the warm-up can take, where the plan puts the first step: a timed warm-up's
     * {@link #warmupS()}, a settled one's {@link SettledWarmup#boundS()}.
     */
    default double warmupBoundS() {
        return settledWarmup().map(SettledWarmup::boundS).orElse(warmupS());
    }

    int steps();

    double stepDurationS();

    double rampS();

    /**
     * The warm-up that ends when the service is steady, when this load has one (a search, or an open
     * staircase with {@code warmup: settled}): such a load runs on the search's arrival schedule
     * (load.SearchDriver) and plans each step when the one before it has ended. Empty: a timed warm-up
     * and Gatling's injection profile.
     */
    default Optional<SettledWarmup> settledWarmup() {
        return Optional.empty();
    }

    /** Whether the load runs on one arrival schedule after a {@link #settledWarmup()}. */
    default boolean paced() {
        return settledWarmup().isPresent();
    }

    /** Offered load of step {@code step} (1-based): requests per second (open) or users (closed). */
    double offeredAt(int step);

    /**
     * The timeline of the measured steps, in seconds from the start of the warm-up. A {@link
     * #paced()} staircase's steps are planned during the run, each when the one before it has ended
     * (steps.csv says where they fell); this plan puts its warm-up at its bound ({@link #warmupBoundS()}).
     */
    default List<StepPlan> plan() {
        List<StepPlan> plan = new ArrayList<>(steps());
        double t = warmupBoundS();
        for (int step = 1; step <= steps(); step++) {
            double rampStartS = t;
            double steadyStartS = rampStartS + rampS();
            double steadyEndS = steadyStartS + stepDurationS();
            plan.add(new StepPlan(step, offeredAt(step), rampStartS, steadyStartS, steadyEndS));
            t = steadyEndS;
        }
        return List.copyOf(plan);
    }

    /** Total length of the injection: warm-up, ramps and steady parts. */
    default double totalDurationS() {
        return warmupBoundS() + steps() * (rampS() + stepDurationS());
    }
}
