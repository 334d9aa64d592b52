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
 * hold time stay the recommendation's. Each trial's demand is the slope that explains its own CPU
 * at its throughput over the pooled background ({@link #scaled}): its U/X for a demand read by the
 * utilization law, exactly what a run of such passes would read; for one read from a line, the
 * line through the pooled U0 and the trial, an approximation of what a fit would give. A window
 * that read more CPU reads a higher ceiling as well, so the two largely cancel in the replica
 * counts (a replica at the target carries about that trial's throughput times the target over its
 * ceiling) and show in the CPU target instead.
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
        // without a budget there is no ceiling, and the Sizer made no plan to compare with
        if (trials.size() < 2 || !(budgetCores > 0)) return;
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
                    "service %.3f ms at %.0f %% of its CPU budget%s",
                    app.cpuSecondsPerRequest() * 1000,
                    ceiling * 100,
                    db.map(d -> dbAtTrial
                                    ? String.format(Locale.ROOT, ", database %.3f ms", d.cpuSecondsPerRequest() * 1000)
                                    : ", database not measured at this trial")
                            .orElse(""));
            perTrial.put("trial_" + t.step(), demands + ": " + shape);
            List<String> what = plan.map(p -> differences(p, target, best, in.targetUtilization()))
                    .orElse(List.of());
            if (plan.isEmpty() || !what.isEmpty()) {
                differing.add(String.format(
                        Locale.ROOT,
                        "trial %d alone (%s): %s%s",
                        t.step(),
                        demands,
                        shape,
                        what.isEmpty() ? "" : " (differs in: " + String.join(", ", what) + ")"));
                typeOrClass |= plan.isEmpty() || what.contains(INSTANCE_TYPE) || what.contains(DB_CLASS);
            }
        }
        Decision.Builder d = Decision.named("plan_per_trial")
                .input("trials", trials.stream().map(MeasuredStep::step).toList())
                .input("budget_cores", budgetCores)
                .input("target_tolerance", TARGET_TOLERANCE)
                .formula("each trial's demand = (its U - the pooled U0) / its X, for the service and the database"
                        + " (U/X where the demand is the utilization law's); its ceiling = min(1, its cores / the budget), and the target that gives;"
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
                                "%d of the %d trials alone %s another plan or CPU target than the pooled reading's.",
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
     * The demand read at trial {@code t} alone: the pooled one's background {@code U0} kept, its
     * slope the one that explains the trial's own CPU at its throughput, {@code (U - U0) / X}; for a
     * demand read by the utilization law ({@code U0 = 0}) that is the trial's U/X. When the trial's
     * CPU is not above {@code U0} (a line fitted over many trials can lie above one of them), the
     * pooled slope scaled by the trial's U/X over the pooled U/X. The pooled one when the trial did
     * not measure {@code cpu}.
     */
    static ServiceDemand scaled(
            ServiceDemand pooled, MeasuredStep t, ToDoubleFunction<MeasuredStep> cpu, double pooledRatio) {
        double u = cpu.applyAsDouble(t);
        double x = t.throughputRps();
        if (!(u > 0) || !(x > 0) || !(pooledRatio > 0)) return pooled;
        double u0 = pooled.backgroundCores() > 0 ? pooled.backgroundCores() : 0;
        double d = u > u0 ? (u - u0) / x : pooled.cpuSecondsPerRequest() * (u / x) / pooledRatio;
        return new ServiceDemand(
                d, pooled.backgroundCores(), 1, Double.NaN, pooled.method() + ", read at trial " + t.step() + " alone");
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

    /** The differences that are a step in cost and hard to change once deployed: a warning. */
    static final String INSTANCE_TYPE = "instance type";

    static final String DB_CLASS = "DB class";

    /**
     * What a user would set differently under {@code plan} at {@code target} than under {@code best}
     * at {@code bestTarget}: the instance type, node and replica ranges, pool, DB class, and the CPU
     * target when more than {@link #TARGET_TOLERANCE} apart; empty when nothing.
     */
    static List<String> differences(Plan plan, double target, Plan best, double bestTarget) {
        List<String> d = new ArrayList<>();
        if (!plan.capacityType().equals(best.capacityType())) d.add(INSTANCE_TYPE);
        if (plan.nodesMin() != best.nodesMin() || plan.nodesMax() != best.nodesMax()) d.add("node counts");
        if (plan.minReplicas() != best.minReplicas() || plan.maxReplicas() != best.maxReplicas())
            d.add("replica counts");
        if (plan.poolSize() != best.poolSize()) d.add("pool");
        if (!String.valueOf(plan.dbClass()).equals(String.valueOf(best.dbClass()))) d.add(DB_CLASS);
        if (Math.abs(target - bestTarget) > TARGET_TOLERANCE + 1e-9) d.add("CPU target");
        return d;
    }

    private static String targetWords(double target) {
        return String.format(Locale.ROOT, ", CPU target %.0f %%", target * 100);
    }

    private static String range(int low, int high) {
        return low == high ? Integer.toString(low) : low + "-" + high;
    }
}
