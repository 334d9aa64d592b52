package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The USL is fitted to an arrival-rate run only when its concurrency, and so its response time, varied. */
class UslWhereConcurrencyVariedTest {
    static final SizingRequest.SloTarget NO_SLO =
            new SizingRequest.SloTarget(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static MeasuredStep open(int n, double offered, double rps, double inFlight) {
        return MeasuredStep.builder(n)
                .offeredRps(offered)
                .throughputRps(rps)
                .concurrency(inFlight)
                .build();
    }

    @Test
    void aServiceThatKeptUpAtAFlatLatencyGetsNoUslAndTheReasonSaysWhy() {
        // 100..800 req/s, every request 2 ms: N = X x 0.002 = 0.2..1.6 (x8), but W = N / X = 2 ms at
        // every step: growth x1.00, below x1.5; the R^2 0.33 staircase had this shape
        List<MeasuredStep> steps = new ArrayList<>();
        for (int i = 1; i <= 8; i++) steps.add(open(i, 100 * i, 100 * i, 100 * i * 0.002));
        SizingLog log = new SizingLog();
        assertThat(ScalabilityModel.decide(steps, CapacityAnalysis.analyze(steps, NO_SLO), log))
                .isEmpty();
        assertThat(log.findings())
                .filteredOn(f -> f.code() == FindingCode.USL_NOT_FITTED)
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("0.200..1.60 (x8.00")
                        .contains("grew x1.00 (at least x1.5 needed"));
    }

    @Test
    void anArrivalRateRunWhoseResponseTimeGrewIsFitted() {
        // points on the USL with lambda 1000, sigma 0.1, kappa 0.001: X(N) = 1000 N / (1 + 0.1 (N-1) +
        // 0.001 N (N-1)); N = 1, 2, 4, 8, 16, 32 -> X = 1000, 1814.9, 3048.8, 4555.8, 5839.4, 6284.4;
        // W = N / X grows from 1 ms to 5.09 ms (x5.09), N spans x32
        double[] ns = {1, 2, 4, 8, 16, 32};
        List<MeasuredStep> steps = new ArrayList<>();
        for (int i = 0; i < ns.length; i++) {
            double n = ns[i];
            double x = 1000 * n / (1 + 0.1 * (n - 1) + 0.001 * n * (n - 1));
            steps.add(open(i + 1, x, x, n));
        }
        SizingLog log = new SizingLog();
        UslFitResult fit = ScalabilityModel.decide(steps, CapacityAnalysis.analyze(steps, NO_SLO), log)
                .orElseThrow();
        assertThat(fit.model().sigma()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(fit.model().kappa()).isCloseTo(0.001, org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void aClosedModelIsFittedWhateverItsResponseTime() {
        // users are the concurrency a closed model varies: the rule does not apply; a linear service
        // (X = 100 N, W = 10 ms flat) fits sigma = kappa = 0
        List<MeasuredStep> steps = new ArrayList<>();
        for (int u = 1; u <= 6; u++) steps.add(Steps.closed(u, 10 * u, 1000 * u));
        assertThat(ScalabilityModel.decide(steps, CapacityAnalysis.analyze(steps, NO_SLO), new SizingLog()))
                .isPresent();
    }

    @Test
    void theRuleNamesTheSpanAndTheGrowth() {
        // N 1..1.5 (x1.5 < x2) although W grew x3: too narrow a stretch to fit three coefficients
        List<MeasuredStep> points = List.of(open(1, 1000, 1000, 1), open(2, 500, 500, 1.5));
        // W: 1 / 1000 = 1 ms, 1.5 / 500 = 3 ms: x3
        assertThat(ScalabilityModel.concurrencyNotVaried(points, true))
                .hasValueSatisfying(
                        why -> assertThat(why).contains("(x1.50, at least x2.0").contains("grew x3.00"));
        assertThat(ScalabilityModel.concurrencyNotVaried(points, false)).isEmpty();
    }

    @Test
    void aPoorFitGetsOneWarningNotASecondAboutItsPeak() {
        // throughput rising by 450 -> 560 req/s and zigzagging while N doubles from 1 to 32: W grows
        // about x28 (2.2 to 61.5 ms), so the USL is fitted, with no decline to give it a coherency cost (its peak lies
        // beyond 32: an extrapolation) and the zigzag left unexplained (a poor fit). The poor fit's
        // warning says not to use the peak; no second warning says where that peak lies.
        double[] ns = {1, 2, 4, 8, 16, 32};
        double[] xs = {450, 380, 540, 470, 560, 520};
        List<MeasuredStep> steps = new ArrayList<>();
        for (int i = 0; i < ns.length; i++) steps.add(open(i + 1, xs[i], xs[i], ns[i]));
        SizingLog log = new SizingLog();
        UslFitResult fit = ScalabilityModel.decide(steps, CapacityAnalysis.analyze(steps, NO_SLO), log)
                .orElseThrow();
        assertThat(fit.rSquared()).isLessThan(ScalabilityModel.POOR_FIT);
        assertThat(fit.isExtrapolation(fit.model().peakConcurrency())).isTrue();
        assertThat(log.findings()).anyMatch(f -> f.code() == FindingCode.USL_POOR_FIT);
        assertThat(log.findings()).noneMatch(f -> f.code() == FindingCode.EXTRAPOLATION_BEYOND_MEASURED);
    }
}
