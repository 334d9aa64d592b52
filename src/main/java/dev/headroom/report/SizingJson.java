package dev.headroom.report;

import dev.headroom.sizing.Bottleneck;
import dev.headroom.sizing.Capacity;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.Plan;
import dev.headroom.sizing.SearchCapacity;
import dev.headroom.sizing.SearchEnd;
import dev.headroom.sizing.Sizing;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of sizing.json, a contract CI keys on: {@code capacity.knee_concurrency},
 * {@code capacity.max_throughput_rps}, {@code usl.sigma|kappa|lambda}, {@code findings[].code} and
 * the rest are built here by name, not left to whatever the records happen to be called.
 */
final class SizingJson {
    private SizingJson() {}

    static Map<String, Object> of(Sizing s, String source) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", source);
        out.put("request", s.request());
        out.put("test_bed", s.testBed());
        out.put("capacity", capacity(s.capacity()));
        out.put("bottleneck", bottleneck(s.bottleneck()));
        Map<String, Object> usl = new LinkedHashMap<>();
        s.usl()
                .ifPresentOrElse(
                        fit -> {
                            usl.put("evaluated", true);
                            usl.put("sigma", fit.model().sigma());
                            usl.put("kappa", fit.model().kappa());
                            usl.put("lambda", fit.model().lambda());
                            usl.put("r_squared", fit.rSquared());
                            usl.put("points", fit.points());
                            usl.put("peak_concurrency", fit.model().peakConcurrency());
                            usl.put("max_throughput_rps", fit.model().maxThroughput());
                            usl.put("measured_concurrency_min", fit.measuredConcurrencyMin());
                            usl.put("measured_concurrency_max", fit.measuredConcurrencyMax());
                            usl.put(
                                    "peak_is_extrapolation",
                                    fit.isExtrapolation(fit.model().peakConcurrency()));
                        },
                        () -> {
                            usl.put("evaluated", false);
                            usl.put("sigma", null);
                            usl.put("kappa", null);
                            usl.put("lambda", null);
                        });
        out.put("usl", usl);
        Map<String, Object> demand = new LinkedHashMap<>();
        s.appDemand().ifPresent(d -> demand.put("service", d));
        s.dbDemand().ifPresent(d -> demand.put("database", d));
        out.put("demand", demand);
        Map<String, Object> autoscaling = new LinkedHashMap<>();
        autoscaling.put("ceiling_utilization", s.ceilingUtilization());
        autoscaling.put("cpu_target_utilization", s.cpuTargetUtilization());
        s.scaleOut().ifPresent(o -> {
            autoscaling.put("lag_s", o.lagSeconds());
            autoscaling.put("lag_parts_s", o.lagParts());
        });
        out.put("autoscaling", autoscaling);
        out.put("recommendation", s.recommendation().orElse(null));
        out.put("alternatives", s.alternatives(3));
        out.put("same_architecture_plan", s.sameArchitecturePlan().orElse(null));
        out.put("current_plan", s.currentPlan().orElse(null));
        out.put("findings", s.findings());
        out.put("decisions", s.decisions());
        out.put("plans", s.plans().stream().map(SizingJson::plan).toList());
        out.put("terraform_variables", TerraformVariables.of(s));
        out.put("steps", s.steps());
        return out;
    }

    private static Map<String, Object> capacity(Capacity c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("capacity_at_slo_rps", c.capacityAtSloRps());
        m.put("step_at_slo", c.atSlo().map(MeasuredStep::step).orElse(null));
        m.put("knee_concurrency", c.kneeConcurrency());
        m.put("knee_throughput_rps", c.kneeThroughputRps());
        m.put("knee_step", c.knee().map(MeasuredStep::step).orElse(null));
        m.put("max_throughput_rps", c.maxThroughputRps());
        m.put("valid_steps", c.validSteps());
        m.put("saturation_reached", c.saturationReached());
        m.put("search", c.search().map(SizingJson::search).orElse(null));
        return m;
    }

    /**
     * {@code capacity.search}: a search run's capacity as a rate offered, with its interval
     * ({@code interval_low_rps} to below {@code interval_high_rps}, the lowest failing rate) and
     * whether it is only a lower bound; null for a staircase.
     */
    private static Map<String, Object> search(SearchCapacity s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", s.recordedEnd().map(SearchEnd::jsonName).orElse(null));
        m.put("capacity_offered_rps", s.capacityOfferedRps());
        m.put("confirmed", s.confirmed());
        m.put("full_length_trials", s.fullLengthTrials());
        m.put("boundary_throughputs_rps", s.boundaryThroughputsRps());
        m.put("lowest_failing_rps", s.lowestFailingRps());
        m.put("interval_low_rps", s.intervalLowRps());
        m.put("interval_high_rps", s.intervalHighRps());
        m.put("lower_bound", s.lowerBound());
        m.put("host_limited_above", s.hostLimitedAbove());
        m.put("host_bound", s.hostBound());
        return m;
    }

    /** {@code bottleneck.limits[0].code} is the one to act on first. */
    private static Map<String, Object> bottleneck(Bottleneck b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", b.steps().stream().map(MeasuredStep::step).toList());
        m.put(
                "limits",
                b.limits().stream()
                        .map(l -> Map.of(
                                "resource", l.resource().name().toLowerCase(java.util.Locale.ROOT),
                                "code", l.resource().code().name(),
                                "evidence", l.evidence()))
                        .toList());
        m.put("cpu_is_not_the_ceiling", b.cpuNotTheLimit());
        m.put("not_judged", b.notJudged());
        return m;
    }

    private static Map<String, Object> plan(Plan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("capacity_type", p.capacityType());
        m.put("feasible", p.feasible());
        m.put("monthly_usd", p.cost().totalUsdPerMonth());
        m.put("plan", p);
        m.put("violations", p.violations());
        return m;
    }
}
