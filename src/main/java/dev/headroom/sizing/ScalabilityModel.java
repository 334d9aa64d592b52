package dev.headroom.sizing;

import java.util.List;
import java.util.Optional;

/** The USL decision: fit when there are enough points, say so plainly when there are not. */
final class ScalabilityModel {
    /** Below this R², the fit explains too little of the throughput to quote its peak. */
    static final double POOR_FIT = UslFitResult.POOR_FIT_R_SQUARED;

    /**
     * An arrival-rate run (open model, staircase or search) varies the rate, not the concurrency:
     * in-flight requests follow it by Little's law. Its fitted points must span at least this
     * factor of concurrency (N_max / N_min), or three coefficients are fitted over a stretch where
     * any smooth curve is a line.
     */
    static final double MIN_CONCURRENCY_SPAN = 2.0;

    /**
     * ...and their response time W = N / X must have grown by at least this factor. With the USL's
     * X(N) = λN / D(N), Little's law gives W(N) = D(N) / λ, so W_max / W_min is D(N_max) / D(N_min):
     * the whole of what σ and κ describe. A service that kept up at a flat latency has D = 1 within
     * noise, σ and κ cannot be told from zero, and the fit draws noise (issue 12: an R² 0.33 "peak"
     * below a measured step). 1.5 is five times the ±10 % a settled window's figures still move by
     * (docs/search.md).
     */
    static final double MIN_RESPONSE_TIME_GROWTH = 1.5;

    private ScalabilityModel() {}

    /**
     * Why an arrival-rate run's points cannot identify the USL, or empty when they can (or when the
     * run is a closed model, whose users are the concurrency it varied).
     */
    static Optional<String> concurrencyNotVaried(List<MeasuredStep> points, boolean open) {
        if (!open || points.isEmpty()) return Optional.empty();
        double nMin =
                points.stream().mapToDouble(MeasuredStep::concurrency).min().orElseThrow();
        double nMax =
                points.stream().mapToDouble(MeasuredStep::concurrency).max().orElseThrow();
        double wMin = points.stream()
                .filter(s -> s.throughputRps() > 0)
                .mapToDouble(s -> s.concurrency() / s.throughputRps())
                .min()
                .orElse(Double.NaN);
        double wMax = points.stream()
                .filter(s -> s.throughputRps() > 0)
                .mapToDouble(s -> s.concurrency() / s.throughputRps())
                .max()
                .orElse(Double.NaN);
        double span = nMax / nMin;
        double growth = wMax / wMin;
        if (span >= MIN_CONCURRENCY_SPAN && growth >= MIN_RESPONSE_TIME_GROWTH) return Optional.empty();
        return Optional.of(String.format(
                java.util.Locale.ROOT,
                "an arrival-rate run varies the rate, not the concurrency: over the %d steps that kept up, requests"
                        + " in flight ranged %.3g..%.3g (x%.2f, at least x%.1f needed) and their response time"
                        + " N/X grew x%.2f (at least x%.1f needed: by Little's law that growth is the USL's"
                        + " own denominator, so below it contention and coherency cannot be told from zero)."
                        + " Capacity comes from the measured steps; a closed-model (users) staircase varies"
                        + " concurrency and suits the USL",
                points.size(),
                nMin,
                nMax,
                span,
                MIN_CONCURRENCY_SPAN,
                growth,
                MIN_RESPONSE_TIME_GROWTH));
    }

    static Optional<UslFitResult> decide(List<MeasuredStep> steps, Capacity capacity, SizingLog log) {
        List<MeasuredStep> valid = CapacityAnalysis.validByLoad(steps);
        boolean open = CapacityAnalysis.open(valid);
        // The USL relates throughput to the concurrency of a closed system in steady state. In an
        // open model only the steps that kept up are in steady state: past the knee, in-flight
        // requests grow for as long as the step lasts, so their concurrency measures the step's length.
        List<MeasuredStep> points = valid.stream()
                .filter(s -> MeasuredStep.measured(s.concurrency()) && s.concurrency() > 0)
                .filter(s -> !open || CapacityAnalysis.delivered(s))
                .toList();
        if (points.size() < UslFit.MIN_POINTS) {
            String why = points.size() + " valid steps with a measured concurrency; the USL needs at least "
                    + UslFit.MIN_POINTS + " (three coefficients and the residuals to judge them). Capacity comes"
                    + " from the measured steps alone.";
            log.decide(Decision.notEvaluated("usl", why));
            log.find(Finding.info(FindingCode.USL_NOT_FITTED, why));
            return Optional.empty();
        }
        Optional<String> notVaried = concurrencyNotVaried(points, open);
        if (notVaried.isPresent()) {
            log.decide(Decision.notEvaluated("usl", notVaried.get()));
            log.find(Finding.info(FindingCode.USL_NOT_FITTED, "the USL was not fitted: " + notVaried.get()));
            return Optional.empty();
        }
        UslFitResult fit;
        try {
            fit = UslFit.fit(points.stream()
                    .map(s -> UslPoint.atConcurrency(s.concurrency()).throughput(s.throughputRps()))
                    .toList());
        } catch (IllegalArgumentException | IllegalStateException e) {
            log.decide(Decision.notEvaluated("usl", "the fit failed: " + e.getMessage()));
            log.find(Finding.warning(FindingCode.USL_NOT_FITTED, "the USL fit failed: " + e.getMessage()));
            return Optional.empty();
        }
        Usl usl = fit.model();
        double peak = usl.peakConcurrency();
        boolean extrapolated = fit.isExtrapolation(peak);
        log.decide(Decision.named("usl")
                .input("points", fit.points())
                .input("concurrency_range", List.of(fit.measuredConcurrencyMin(), fit.measuredConcurrencyMax()))
                .formula("X(N) = lambda*N / (1 + sigma*(N-1) + kappa*N*(N-1)), least squares with sigma, kappa >= 0;"
                        + " N* = sqrt((1-sigma)/kappa) (Gunther, Guerrilla Capacity Planning, 2007)")
                .result("sigma", usl.sigma())
                .result("kappa", usl.kappa())
                .result("lambda", usl.lambda())
                .result("r_squared", fit.rSquared())
                .result("peak_concurrency", peak)
                .result("max_throughput_rps", usl.maxThroughput())
                .result("peak_is_extrapolation", extrapolated)
                .because(String.format(
                        "Fitted to %d valid steps, R^2 = %.3f. Contention sigma = %.4g, coherency kappa = %.4g%s;"
                                + " the model peaks at N* = %s with %.1f req/s%s.",
                        fit.points(),
                        fit.rSquared(),
                        usl.sigma(),
                        usl.kappa(),
                        fit.kappaClamped() || fit.sigmaClamped() ? " (held at zero by the constraint)" : "",
                        Double.isInfinite(peak) ? "infinity (no coherency cost)" : String.format("%.1f", peak),
                        usl.maxThroughput(),
                        extrapolated ? ", beyond the measured range: an extrapolation" : "")));
        if (fit.rSquared() < POOR_FIT) {
            log.find(Finding.warning(
                    FindingCode.USL_POOR_FIT,
                    String.format(
                            "the USL explains only %.0f %% of the throughput's variance (R^2 %.2f): its peak and"
                                    + " maximum are not to be relied on%s",
                            Math.max(0, fit.rSquared()) * 100,
                            fit.rSquared(),
                            open
                                    ? "; an open-model run keeps concurrency low below the knee, a closed-model"
                                            + " (users) staircase suits the USL better"
                                    : "")));
        }
        // A fit already called unreliable needs no second warning about where its peak lies: the
        // reader was told not to use the peak at all (a search on this host: R^2 0.74 and "throughput
        // would approach 733.7 req/s" beside a measured 639).
        if (extrapolated && !(fit.rSquared() < POOR_FIT)) {
            log.find(Finding.warning(
                    FindingCode.EXTRAPOLATION_BEYOND_MEASURED,
                    Double.isInfinite(peak)
                            ? String.format(
                                    "with no coherency cost the USL has no peak: throughput would approach %.1f req/s"
                                            + " (lambda/sigma, Amdahl's ceiling) only far beyond the measured"
                                            + " concurrency %.1f..%.1f",
                                    usl.maxThroughput(), fit.measuredConcurrencyMin(), fit.measuredConcurrencyMax())
                            : String.format(
                                    "the USL peak (N* = %.1f, %.1f req/s) lies beyond the measured concurrency"
                                            + " %.1f..%.1f: it is a prediction, not a measurement",
                                    peak,
                                    usl.maxThroughput(),
                                    fit.measuredConcurrencyMin(),
                                    fit.measuredConcurrencyMax())));
        }
        return Optional.of(fit);
    }
}
