package dev.headroom.sizing;

import java.util.List;
import java.util.Optional;

/** The plan decision: which candidate is recommended, why, and what it rests on. */
final class Ranking {
    private Ranking() {}

    static void explain(
            List<Plan> ranked, SizingRequest request, PriceTable prices, Optional<UslFitResult> usl, SizingLog log) {
        List<Plan> feasible = ranked.stream().filter(Plan::feasible).toList();
        boolean priced = feasible.stream().anyMatch(p -> !Double.isNaN(p.cost().totalUsdPerMonth()));
        if (!priced) {
            log.find(Finding.warning(
                    FindingCode.PRICES_UNAVAILABLE,
                    "no price table covers " + request.region() + " for these plans: they are ranked by size, and"
                            + " no cost is shown (supply one with --prices)"));
        } else if (feasible.stream().anyMatch(p -> !p.cost().complete())) {
            log.find(Finding.info(
                    FindingCode.PRICES_UNAVAILABLE,
                    "some cost parts have no price (RDS, the EKS control plane or Fargate are never built in):"
                            + " totals cover the priced parts only"));
        }
        if (feasible.isEmpty()) {
            log.decide(Decision.notEvaluated(
                    "plan", "none of " + ranked.size() + " candidates met every constraint; see their violations"));
            log.find(Finding.error(
                    FindingCode.NO_FEASIBLE_PLAN,
                    "no candidate plan met every constraint"
                            + (ranked.isEmpty()
                                    ? " (no instance type passed the request's filters)"
                                    : ": " + ranked.get(0).capacityType() + ": "
                                            + String.join("; ", ranked.get(0).violations()))));
            return;
        }
        Plan best = feasible.get(0);
        log.decide(Decision.named("plan")
                .input("candidates", ranked.size())
                .input("feasible", feasible.size())
                .input("peak_rps", request.peakRps())
                .formula("replicas for peak = ceil(peak / rps per replica at the CPU target); nodes = max(replicas /"
                        + " replicas per node, the failure spare, one per zone); ranked by monthly cost at 730 h")
                .result("capacity_type", best.capacityType())
                .result("nodes_for_peak", best.nodesForPeak())
                .result("replicas_min", best.minReplicas())
                .result("replicas_for_peak", best.replicasForPeak())
                .result("replicas_max", best.maxReplicas())
                .result("pool_size", best.poolSize())
                .result("db_class", best.dbClass())
                .result("monthly_usd", best.cost().totalUsdPerMonth())
                .because(String.format(
                        "%s is the %s of %d feasible plans: %d replicas carry %.0f req/s at a %.0f %% CPU target on"
                                + " %d nodes, with a pool of %d on %s (%d of %d connections at max replicas).",
                        best.capacityType(),
                        priced ? "cheapest" : "smallest",
                        feasible.size(),
                        best.replicasForPeak(),
                        request.peakRps(),
                        best.cpuTargetUtilization() * 100,
                        best.nodesForPeak(),
                        best.poolSize(),
                        best.dbClass(),
                        best.connectionsNeeded(),
                        best.dbMaxConnections())));
        if (!Double.isNaN(best.cost().burstCreditsUsdPerMonth()) && best.cost().burstCreditsUsdPerMonth() > 0) {
            log.find(Finding.warning(
                    FindingCode.BURSTABLE_BASELINE_EXCEEDED,
                    String.format(
                            "%s runs at %.0f %% sustained CPU, above its credit baseline: unlimited mode bills"
                                    + " about %.2f USD/month of surplus credits, included in its cost",
                            best.capacityType(),
                            best.sustainedUtilization() * 100,
                            best.cost().burstCreditsUsdPerMonth())));
        }
        usl.ifPresent(fit -> {
            double perReplica = request.peakRps() / Math.max(1, best.replicasForPeak());
            if (perReplica > fit.model().maxThroughput())
                log.find(Finding.warning(
                        FindingCode.EXTRAPOLATION_BEYOND_MEASURED,
                        "each replica would carry more than the fitted USL's maximum: the plan extrapolates"));
        });
    }
}
