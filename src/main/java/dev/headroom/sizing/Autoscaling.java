package dev.headroom.sizing;

/** The autoscaling CPU target: low enough that the headroom carries the growth during scale-out. */
final class Autoscaling {
    /** Below this target reactive scaling wastes most of each replica: pre-scale instead. */
    static final double LOWEST_USEFUL_TARGET = 0.25;

    private Autoscaling() {}

    static double decide(SizingRequest request, ScaleOut scaleOut, double ceiling, SizingLog log) {
        if (Double.isNaN(ceiling)) {
            log.decide(Decision.notEvaluated("autoscaling", "the utilization at which the SLO held is unknown"));
            return Double.NaN;
        }
        double growth = request.growthPerMinute();
        double target = target(request, scaleOut, ceiling);
        log.decide(Decision.named("autoscaling")
                .input("ceiling_utilization", ceiling)
                .input("growth_per_minute", growth)
                .input("lag_parts_s", scaleOut.lagParts())
                .input("tolerance", scaleOut.tolerance())
                .formula("u_target = u_ceiling / (tolerance x (1 + g x lag / 60)); lag = "
                        + String.join(" + ", scaleOut.lagParts().keySet()))
                .result("lag_s", scaleOut.lagSeconds())
                .result("cpu_target_utilization", target)
                .because(String.format(
                        "New capacity serves %.0f s after load crosses the trigger; load growing %.0f %% a minute"
                                + " grows %.0f %% meanwhile, so the target must sit that far (and the controller's"
                                + " dead band) below the %.0f %% at which the SLO held: %.0f %%.",
                        scaleOut.lagSeconds(),
                        growth * 100,
                        growth * scaleOut.lagSeconds() / 60 * 100,
                        ceiling * 100,
                        target * 100)));
        if (target < LOWEST_USEFUL_TARGET) {
            log.find(Finding.warning(
                    FindingCode.AUTOSCALE_LAG_TOO_LONG,
                    String.format(
                            "a CPU target of %.0f %% is needed to follow %.0f %%/min growth with a %.0f s lag:"
                                    + " schedule capacity ahead of known peaks, or shorten start-up",
                            target * 100, growth * 100, scaleOut.lagSeconds())));
        }
        return target;
    }

    /** The target for a ceiling, as {@link #decide} sets it, without logging. */
    static double target(SizingRequest request, ScaleOut scaleOut, double ceiling) {
        double max = scaleOut.maxTarget(ceiling, request.growthPerMinute());
        return Math.floor(Math.min(ceiling, max) * 100) / 100; // whole percent, rounded down
    }
}
