package dev.headroom.sizing.system;

import dev.headroom.sizing.Decision;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.FindingCode;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.ScaleOut;
import dev.headroom.sizing.ServiceDemand;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.system.SystemSizing.ServicePlan;
import java.util.Optional;

/**
 * A slow start-up is paid for in one of two ways, for the same protection (the load growth during
 * the scale-out lag still fits under the CPU at which the SLO held). The start-up S is what a warm
 * replica saves: its node's or task's start and the service's measured start-up to ready:
 *
 * <ul>
 *   <li><b>a lower CPU target</b>, as the plan has it: the lag includes the service's measured
 *       start-up to ready, so every replica keeps headroom for growth during it,
 *       u_A = u_ceiling / (tol (1 + g L / 60)) ({@link ScaleOut#maxTarget});
 *   <li><b>a warm minimum</b>: extra replicas always running carry the growth during the start-up
 *       (P g S / 60 req/s at the peak P, start-up S, at the ceiling's rate per replica), and the
 *       target only needs headroom for the rest of the lag, u_B = u_ceiling / (tol (1 + g (L - S) / 60)).
 * </ul>
 *
 * Both are counted at the baseline (most hours) and at the peak; the cheaper at the baseline is
 * named, with both costs when the replica has a price.
 */
final class ColdStart {
    private ColdStart() {}

    static ServicePlan decide(ServicePlan p, double replicaUsdPerHour) {
        Sizing sizing = p.single();
        Optional<ScaleOut> scaleOut = sizing.scaleOut();
        Optional<ServiceDemand> demand = sizing.appDemand();
        // What a warm replica saves: starting its node or task and the service on it, every "*start_s" part.
        double start = scaleOut.map(o -> o.lagParts().entrySet().stream()
                        .filter(e -> e.getKey().endsWith("start_s"))
                        .mapToDouble(java.util.Map.Entry::getValue)
                        .sum())
                .orElse(Double.NaN);
        double ceiling = sizing.ceilingUtilization();
        if (scaleOut.isEmpty() || demand.isEmpty() || Double.isNaN(ceiling) || !p.planned() || !(start > 0))
            return p.with(
                    Decision.notEvaluated(
                            "cold_start", "needs the SLO's ceiling, the CPU per request and a" + " start-up time"),
                    null);
        double cores = sizing.recommendation().map(Plan::replicaCpuCores).orElse(Double.NaN);
        if (Double.isNaN(cores)) return p;
        double g = sizing.request().growthPerMinute();
        double peak = sizing.request().peakRps();
        double baseline = Double.isNaN(sizing.request().baselineRps())
                ? peak
                : sizing.request().baselineRps();
        ScaleOut s = scaleOut.get();
        // The service's own target on its CPU (on Fargate the plan's is the task's, which counts the
        // sidecars' share too): the throughputs below are the service container's.
        double targetA = sizing.cpuTargetUtilization();
        double targetB =
                Math.floor(ceiling / (s.tolerance() * (1 + g * Math.max(0, s.lagSeconds() - start) / 60)) * 100) / 100;
        double rpsA = demand.get().rpsAt(cores, targetA, 1);
        double rpsB = demand.get().rpsAt(cores, targetB, 1);
        double rpsCeiling = demand.get().rpsAt(cores, ceiling, 1);
        int warm = (int) Math.ceil(peak * g * start / 60 / rpsCeiling - 1e-9);
        int baseA = Math.max(p.minReplicas(), (int) Math.ceil(baseline / rpsA - 1e-9));
        int baseB = Math.max(p.minReplicas(), (int) Math.ceil(baseline / rpsB - 1e-9) + warm);
        int peakA = Math.max(p.minReplicas(), (int) Math.ceil(peak / rpsA - 1e-9));
        int peakB = Math.max(p.minReplicas(), (int) Math.ceil(peak / rpsB - 1e-9) + warm);
        double usdA = baseA * replicaUsdPerHour * Plan.Cost.HOURS_PER_MONTH;
        double usdB = baseB * replicaUsdPerHour * Plan.Cost.HOURS_PER_MONTH;
        boolean warmCheaper = baseB < baseA;
        String cost = Double.isNaN(replicaUsdPerHour)
                ? ""
                : String.format(
                        " (%.2f against %.2f USD a month at the baseline)",
                        warmCheaper ? usdB : usdA, warmCheaper ? usdA : usdB);
        Decision d = Decision.named("cold_start")
                .input("service_start_s", start)
                .input("lag_s", s.lagSeconds())
                .input("growth_per_minute", g)
                .formula("lower target u_A = u_ceiling / (tol (1 + g L / 60)); warm minimum: ceil(P g S / 60 / rps at"
                        + " the ceiling) extra replicas and u_B = u_ceiling / (tol (1 + g (L - S) / 60))")
                .result("lower_target_cpu_target", targetA)
                .result("lower_target_replicas_at_baseline", baseA)
                .result("lower_target_replicas_at_peak", peakA)
                .result("lower_target_usd_per_month_at_baseline", usdA)
                .result("warm_minimum_extra_replicas", warm)
                .result("warm_minimum_cpu_target", targetB)
                .result("warm_minimum_replicas_at_baseline", baseB)
                .result("warm_minimum_replicas_at_peak", peakB)
                .result("warm_minimum_usd_per_month_at_baseline", usdB)
                .because(String.format(
                        "A %.0f s start (node or task, then the service to ready): a %.0f %% target needs %d replicas at the baseline and %d at the"
                                + " peak; %d warm replicas with a %.0f %% target need %d and %d. %s%s.",
                        start,
                        targetA * 100,
                        baseA,
                        peakA,
                        warm,
                        targetB * 100,
                        baseB,
                        peakB,
                        baseA == baseB
                                ? "Both cost the same at the baseline"
                                : warmCheaper ? "The warm minimum is cheaper" : "The lower target is cheaper",
                        cost));
        Finding f = warmCheaper
                ? Finding.info(
                        FindingCode.AUTOSCALE_LAG_TOO_LONG,
                        String.format(
                                "%s: a warm minimum of %d extra replicas with a %.0f %% CPU target costs less than a"
                                        + " %.0f %% target for the same start-up protection%s",
                                p.name(), warm, targetB * 100, targetA * 100, cost))
                : null;
        return p.with(d, f);
    }
}
