package dev.headroom.sizing;

import java.util.List;
import java.util.Optional;

/** The USL decision: fit when there are enough points, say so plainly when there are not. */
final class ScalabilityModel {
    private ScalabilityModel() {}

    static Optional<UslFitResult> decide(List<MeasuredStep> steps, Capacity capacity, SizingLog log) {
        List<MeasuredStep> points = CapacityAnalysis.validByLoad(steps).stream()
                .filter(s -> MeasuredStep.measured(s.concurrency()) && s.concurrency() > 0)
                .toList();
        if (points.size() < UslFit.MIN_POINTS) {
            String why = points.size() + " valid steps with a measured concurrency; the USL needs at least "
                    + UslFit.MIN_POINTS + " (three coefficients and the residuals to judge them). Capacity comes"
                    + " from the measured steps alone.";
            log.decide(Decision.notEvaluated("usl", why));
            log.find(Finding.info(FindingCode.USL_NOT_FITTED, why));
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
        if (extrapolated) {
            log.find(Finding.warning(
                    FindingCode.EXTRAPOLATION_BEYOND_MEASURED,
                    String.format(
                            "the USL peak (N* = %.1f, %.1f req/s) lies beyond the measured concurrency %.1f..%.1f:"
                                    + " it is a prediction, not a measurement",
                            peak, usl.maxThroughput(), fit.measuredConcurrencyMin(), fit.measuredConcurrencyMax())));
        }
        return Optional.of(fit);
    }
}
