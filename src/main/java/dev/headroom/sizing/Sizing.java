package dev.headroom.sizing;

import java.util.List;
import java.util.Optional;

/**
 * Everything the sizer concluded from one set of steps and one request: what was measured, the
 * models fitted to it, every candidate plan (ranked, cheapest feasible first), the decisions with
 * their reasoning, and the findings. The outputs made from it (Terraform variables, reports) are the
 * report's.
 *
 * @param ceilingUtilization the service's CPU utilization (of its budget) at the highest step within the SLO
 * @param plans feasible plans first, by monthly cost (or size, without prices), then the rejected ones
 * @param bottleneck what limited the service at the knee, with its evidence
 * @param sameArchitecturePlan when the recommendation runs on another CPU architecture than the
 *     test, the best plan on the test's own, whose speed needs no cross-architecture estimate
 */
public record Sizing(
        SizingRequest request,
        TestBed testBed,
        List<MeasuredStep> steps,
        Capacity capacity,
        Optional<UslFitResult> usl,
        Optional<ServiceDemand> appDemand,
        Optional<ServiceDemand> dbDemand,
        double ceilingUtilization,
        Optional<ScaleOut> scaleOut,
        double cpuTargetUtilization,
        List<Plan> plans,
        Optional<Plan> currentPlan,
        List<Decision> decisions,
        List<Finding> findings,
        Bottleneck bottleneck,
        Optional<Plan> sameArchitecturePlan) {

    public Sizing {
        steps = List.copyOf(steps);
        plans = List.copyOf(plans);
        decisions = List.copyOf(decisions);
        findings = List.copyOf(findings);
    }

    public Optional<Plan> recommendation() {
        return plans.stream().filter(Plan::feasible).findFirst();
    }

    /** The feasible plans after the recommendation, for the report's alternatives. */
    public List<Plan> alternatives(int count) {
        return plans.stream().filter(Plan::feasible).skip(1).limit(count).toList();
    }

    /** The same sizing with one more finding, for what is known only beside the steps (sizing/RunToRun). */
    public Sizing withFinding(Finding finding) {
        List<Finding> more = new java.util.ArrayList<>(findings);
        more.add(finding);
        return new Sizing(
                request,
                testBed,
                steps,
                capacity,
                usl,
                appDemand,
                dbDemand,
                ceilingUtilization,
                scaleOut,
                cpuTargetUtilization,
                plans,
                currentPlan,
                decisions,
                more,
                bottleneck,
                sameArchitecturePlan);
    }

    public boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }
}
