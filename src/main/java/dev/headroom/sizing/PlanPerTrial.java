package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The plan each trial at the capacity would give alone. A search reads the CPU per request and the
 * CPU ceiling over all of its full-length passes there ({@link OperatingPoint}); each of them alone
 * reads them from one window, and one window's CPU moves from the next by more than the load does
 * (docs/search.md, "2026-12-07, AMD, later"). A choice that changes from one of those windows to
 * another (a DB class, a CPU target) rests on less than the run can tell apart, and the report says
 * so, so that nobody commits a 4-vCPU database on one window's reading.
 *
 * <p>A trial alone is sized as a run would be whose passes at the capacity all read what it read:
 * its own CPU per request for the service and the database, its own ceiling (its cores over the
 * budget, at most 1) and the CPU target that ceiling gives; the replica's size and the connection
 * hold time stay the recommendation's. Each trial's demand is the pooled one scaled by that trial's
 * U/X over the pooled U/X, which for a demand read by the utilization law is the trial's own U/X,
 * and for one read from a line moves the line's slope by the same share. A window that read more
 * CPU reads a higher ceiling as well, so the two largely cancel in the replica counts (a replica
 * at the target carries about that trial's throughput times the target over its ceiling) and show
 * in the CPU target instead.
 */
final class PlanPerTrial {
    private PlanPerTrial() {}

    /**
     * CPU targets further apart than this are different recommendations: issue 12's bar for runs
     * that agree ("CPU target within 5 points").
     */
    static final double TARGET_TOLERANCE = 0.05;

    /**
     * Logs the plan of each trial at the capacity, and a finding when one of them differs from the
     * recommendation; nothing when the capacity rests on one step.
     *
     * @param best the recommendation, built from {@code in}
     * @param budgetCores the service's CPU budget in the test, cores: a trial's ceiling is its cores
     *     over it
     * @param targetFor the CPU target for a ceiling, as the recommendation's was set
     * @param planFor the best feasible plan for other inputs, as the recommendation was chosen
     */
    static void decide(
            Capacity capacity,
            PlanInputs in,
            Plan best,
            double budgetCores,
            DoubleUnaryOperator targetFor,
            Function<PlanInputs, Optional<Plan>> planFor,
            SizingLog log) {
        Optional<OperatingPoint> point = capacity.operatingPoint();
        if (point.isEmpty()) return;
        List<MeasuredStep> trials = point.get().measuring(MeasuredStep::appCpuCores);
        if (trials.size() < 2) return;
        double appPooled = point.get().cpuSecondsPerRequest(MeasuredStep::appCpuCores);
        double dbPooled = point.get().cpuSecondsPerRequest(MeasuredStep::dbCpuCores);

        Map<String, Object> perTrial = new LinkedHashMap<>();
        List<String> differing = new ArrayList<>();
        boolean typeOrClass = false;
        for (MeasuredStep t : trials) {
            ServiceDemand app = scaled(in.appDemand(), t, MeasuredStep::appCpuCores, appPooled);
            // a trial without its own database reading keeps the recommendation's, and says so
            boolean dbAtTrial = MeasuredStep.measured(t.dbCpuCores()) && t.dbCpuCores() > 0;
            Optional<ServiceDemand> db = in.dbDemand().map(d -> scaled(d, t, MeasuredStep::dbCpuCores, dbPooled));
            // as Replica.ceilingUtilization reads a pooled ceiling: at most the whole budget
            double ceiling = Math.min(1.0, t.appCpuCores() / budgetCores);
            double target = targetFor.applyAsDouble(ceiling);
            PlanInputs alone = new PlanInputs(
                    in.request(),
                    app,
                    db,
                    in.connHoldSeconds(),
                    in.replicaCpuCores(),
                    in.replicaMemoryMib(),
                    ceiling,
                    target,
                    in.testCoremarkPerVcpu());
            Optional<Plan> plan = planFor.apply(alone);
            String shape = plan.map(p -> shape(p) + targetWords(target)).orElse("no feasible plan");
            String demands = String.format(
                    Locale.ROOT,
                    "service %.3f ms%s, %.0f %% of the budget",
                    app.cpuSecondsPerRequest() * 1000,
                    db.map(d -> dbAtTrial
                                    ? String.format(Locale.ROOT, ", database %.3f ms", d.cpuSecondsPerRequest() * 1000)
                                    : ", database not measured at this trial")
                            .orElse(""),
                    ceiling * 100);
            perTrial.put("trial_" + t.step(), demands + ": " + shape);
            boolean sameShape = plan.isPresent() && shape(plan.get()).equals(shape(best));
            if (!sameShape || Math.abs(target - in.targetUtilization()) > TARGET_TOLERANCE + 1e-9) {
                differing.add(String.format(Locale.ROOT, "trial %d alone (%s): %s", t.step(), demands, shape));
                typeOrClass |= plan.isEmpty()
                        || !plan.get().capacityType().equals(best.capacityType())
                        || !String.valueOf(plan.get().dbClass()).equals(String.valueOf(best.dbClass()));
            }
        }
        Decision.Builder d = Decision.named("plan_per_trial")
                .input("trials", trials.stream().map(MeasuredStep::step).toList())
                .input("budget_cores", budgetCores)
                .input("target_tolerance", TARGET_TOLERANCE)
                .formula("each trial's demand = the pooled demand x (its U/X / the pooled U/X), for the service and"
                        + " the database; its ceiling = min(1, its cores / the budget), and the target that gives;"
                        + " the replica's size and the hold time as pooled; the best feasible plan of each, which"
                        + " differs when its shape does or its target is more than the tolerance away");
        perTrial.forEach(d::result);
        d.result("recommendation", shape(best) + targetWords(in.targetUtilization()));
        String label = point.get().label(MeasuredStep::appCpuCores);
        log.decide(d.because(
                differing.isEmpty()
                        ? String.format(
                                Locale.ROOT,
                                "Each of %s alone gives the recommended plan: its choices do not turn on which"
                                        + " window the CPU was read in.",
                                label)
                        : String.format(
                                Locale.ROOT,
                                "%d of the %d trials alone %s another plan than the pooled reading's.",
                                differing.size(),
                                trials.size(),
                                differing.size() == 1 ? "gives" : "give")));
        if (differing.isEmpty()) return;
        String message = String.format(
                Locale.ROOT,
                "the recommendation (%s) reads the CPU per request and the CPU ceiling over %s together; read"
                        + " at one of them alone, as one window, it would differ: %s. A choice that changes between"
                        + " them rests on less than this run can tell apart: run again (or compare runs with headroom"
                        + " noise) before committing to it",
                shape(best) + targetWords(in.targetUtilization()),
                label,
                String.join("; ", differing));
        // A type or a DB class is a step in cost and hard to change once deployed: a warning. Counts
        // (replicas, nodes, the pool) and the CPU target are what autoscaling and a redeploy absorb:
        // an info.
        log.find(
                typeOrClass
                        ? Finding.warning(FindingCode.PLAN_VARIES_ACROSS_TRIALS, message)
                        : Finding.info(FindingCode.PLAN_VARIES_ACROSS_TRIALS, message));
    }

    /**
     * The demand read at trial {@code t}: the pooled one times its U/X over the pooled U/X; the
     * pooled one when the trial did not measure {@code cpu}.
     */
    static ServiceDemand scaled(
            ServiceDemand pooled, MeasuredStep t, ToDoubleFunction<MeasuredStep> cpu, double pooledRatio) {
        double alone = new OperatingPoint(List.of(t)).cpuSecondsPerRequest(cpu);
        if (!(alone > 0) || !(pooledRatio > 0)) return pooled;
        return new ServiceDemand(
                pooled.cpuSecondsPerRequest() * alone / pooledRatio,
                pooled.backgroundCores(),
                1,
                Double.NaN,
                pooled.method() + ", scaled to trial " + t.step() + " alone");
    }

    /** What a user would deploy differently: the type, the node and replica ranges, the pool, the DB class. */
    static String shape(Plan p) {
        return String.format(
                Locale.ROOT,
                "%s x %s, %s replicas, pool %d%s",
                p.capacityType(),
                range(p.nodesMin(), p.nodesMax()),
                range(p.minReplicas(), p.maxReplicas()),
                p.poolSize(),
                p.dbClass() == null || p.dbClass().isEmpty() ? "" : ", " + p.dbClass());
    }

    private static String targetWords(double target) {
        return String.format(Locale.ROOT, ", CPU target %.0f %%", target * 100);
    }

    private static String range(int low, int high) {
        return low == high ? Integer.toString(low) : low + "-" + high;
    }
}
