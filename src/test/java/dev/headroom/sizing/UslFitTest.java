package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.UslLeastSquares.Held;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UslFitTest {
    private static final double[] EIGHT_STEPS = {1, 2, 3, 4, 5, 6, 7, 8};

    /** Schwartz's published fit of the Cisco data, as usl4j's ModelTest pins it (there to 0.02%). */
    @Test
    void fitsTheCiscoBenchmarkAsPublished() {
        UslFitResult fit = UslFit.fit(Cisco.points());
        Usl model = fit.model();
        assertThat(model.sigma()).isCloseTo(Cisco.BOOK_SIGMA, within(1e-3 * Cisco.BOOK_SIGMA));
        assertThat(model.kappa()).isCloseTo(Cisco.BOOK_KAPPA, within(1e-3 * Cisco.BOOK_KAPPA));
        assertThat(model.lambda()).isCloseTo(Cisco.BOOK_LAMBDA, within(1e-3 * Cisco.BOOK_LAMBDA));
        // the book's N* = 35 is √((1 − σ)/κ) = 35.57 floored to whole workers; the peak is flat there
        assertThat(Math.floor(model.peakConcurrency())).isEqualTo(Cisco.BOOK_PEAK_CONCURRENCY_FLOOR);
        assertThat(model.maxThroughput())
                .isCloseTo(Cisco.BOOK_MAX_THROUGHPUT, within(1e-3 * Cisco.BOOK_MAX_THROUGHPUT));
        assertThat(fit.sigmaClamped()).isFalse();
        assertThat(fit.kappaClamped()).isFalse();
        assertThat(fit.points()).isEqualTo(32);
        assertThat(fit.measuredConcurrencyMin()).isEqualTo(1);
        assertThat(fit.measuredConcurrencyMax()).isEqualTo(32);
        assertThat(fit.isExtrapolation(model.peakConcurrency())).isTrue();
        assertThat(fit.isExtrapolation(16)).isFalse();
    }

    @Test
    void rSquaredAndRmseFollowTheirDefinitions() {
        UslFitResult fit = UslFit.fit(Cisco.points());
        double mean = IntStream.range(0, 32)
                .mapToDouble(i -> Cisco.THROUGHPUT[i])
                .average()
                .orElseThrow();
        double rss = 0;
        double tss = 0;
        for (int i = 0; i < 32; i++) {
            rss += Math.pow(Cisco.THROUGHPUT[i] - fit.model().throughputAtConcurrency(i + 1), 2);
            tss += Math.pow(Cisco.THROUGHPUT[i] - mean, 2);
        }
        assertThat(fit.rSquared()).isCloseTo(1 - rss / tss, within(1e-12));
        assertThat(fit.throughputRmse()).isCloseTo(Math.sqrt(rss / 32), within(1e-9));
    }

    /**
     * Throughput per worker falls from 100 to 80 over the first steps and then holds: contention
     * that stops growing. X rises linearly again at the end, which a free fit explains with κ < 0.
     */
    @Test
    void aCoherencyTheFreeFitMakesNegativeIsHeldAtZero() {
        List<UslPoint> points = points(n -> n * (80 + 20 * Math.exp(-(n - 1) / 1.5)));
        UslLeastSquares.Coefficients free = freeFit(points);
        assertThat(free.kappa()).isNegative();

        UslFitResult fit = UslFit.fit(points);
        assertThat(fit.kappaClamped()).isTrue();
        assertThat(fit.model().kappa()).isZero();
        assertThat(fit.sigmaClamped()).isFalse();
        assertThat(fit.model().sigma()).isPositive();
        assertThat(rss(fit.model(), points)).isLessThanOrEqualTo(bestOnAGrid(points) * (1 + 1e-9));
    }

    /** Super-linear, then linear: per-worker throughput rises from 80 to 100, which a free fit explains with σ < 0. */
    @Test
    void aContentionTheFreeFitMakesNegativeIsHeldAtZero() {
        List<UslPoint> points = points(n -> n * Math.min(100, 70 + 10 * n));
        assertThat(freeFit(points).sigma()).isNegative();

        UslFitResult fit = UslFit.fit(points);
        assertThat(fit.sigmaClamped()).isTrue();
        assertThat(fit.model().sigma()).isZero();
        assertThat(fit.model().kappa()).isGreaterThanOrEqualTo(0);
        assertThat(rss(fit.model(), points)).isLessThanOrEqualTo(bestOnAGrid(points) * (1 + 1e-9));
    }

    @Test
    void fewerThanSixPointsAreRefusedSayingHowMany() {
        List<UslPoint> five = Cisco.points().subList(0, 5);
        assertThatThrownBy(() -> UslFit.fit(five))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 6")
                .hasMessageContaining("got 5");
        assertThat(UslFit.fit(Cisco.points().subList(0, 6)).points()).isEqualTo(6);
    }

    @Test
    void badValuesAreRefusedWithTheValue() {
        assertThatThrownBy(() -> UslPoint.atConcurrency(Double.NaN).throughput(1))
                .hasMessageContaining("concurrency must be finite and > 0, was NaN");
        assertThatThrownBy(() -> UslPoint.atConcurrency(-2).throughput(1)).hasMessageContaining("was -2.0");
        assertThatThrownBy(() -> UslPoint.atConcurrency(0).throughput(1)).hasMessageContaining("concurrency");
        assertThatThrownBy(
                        () -> UslPoint.atConcurrency(Double.POSITIVE_INFINITY).throughput(1))
                .hasMessageContaining("concurrency");
        assertThatThrownBy(() -> UslPoint.atConcurrency(3).throughput(Double.NaN))
                .hasMessageContaining("throughput must be finite and >= 0, was NaN (at concurrency 3.0)");
        assertThatThrownBy(() -> UslPoint.atConcurrency(3).throughput(-1)).hasMessageContaining("throughput");
        assertThatThrownBy(() -> UslPoint.atConcurrency(3).throughput(Double.NEGATIVE_INFINITY))
                .hasMessageContaining("throughput");
    }

    @Test
    void pointsThatCannotShapeACurveAreRefused() {
        List<UslPoint> twoLevels = new ArrayList<>();
        for (int i = 0; i < 6; i++)
            twoLevels.add(UslPoint.atConcurrency(1 + i % 2).throughput(100 + i));
        assertThatThrownBy(() -> UslFit.fit(twoLevels)).hasMessageContaining("3 distinct concurrencies, got 2");
        assertThatThrownBy(() -> UslFit.fit(points(n -> 0))).hasMessageContaining("every measured throughput is 0");
        // falling from the first step toward λ/σ: σ = 1.5 would fit exactly, but no rising branch
        assertThatThrownBy(() -> UslFit.fit(points(n -> 100 * n / (1 + 1.5 * (n - 1)))))
                .hasMessageContaining("does not rise with concurrency");
    }

    private static List<UslPoint> points(DoubleUnaryOperator throughputAt) {
        List<UslPoint> points = new ArrayList<>();
        for (double n : EIGHT_STEPS) points.add(UslPoint.atConcurrency(n).throughput(throughputAt.applyAsDouble(n)));
        return points;
    }

    private static UslLeastSquares.Coefficients freeFit(List<UslPoint> points) {
        return UslLeastSquares.fit(
                points.stream().mapToDouble(UslPoint::concurrency).toArray(),
                points.stream().mapToDouble(UslPoint::throughput).toArray(),
                Held.NONE);
    }

    private static double rss(Usl model, List<UslPoint> points) {
        return points.stream()
                .mapToDouble(p -> Math.pow(p.throughput() - model.throughputAtConcurrency(p.concurrency()), 2))
                .sum();
    }

    /**
     * An independent check of the bounded optimum: the least residual sum of squares over a grid of
     * σ ≥ 0, κ ≥ 0 (edges included), λ solved exactly for each (X = λ·g(N) is linear in λ).
     */
    private static double bestOnAGrid(List<UslPoint> points) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 400; i++) {
            for (int j = 0; j <= 400; j++) {
                double sigma = i * 0.0005;
                double kappa = j * 0.00005;
                double gx = 0;
                double gg = 0;
                for (UslPoint p : points) {
                    double n = p.concurrency();
                    double g = n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
                    gx += g * p.throughput();
                    gg += g * g;
                }
                double lambda = gx / gg;
                double rss = 0;
                for (UslPoint p : points) {
                    double n = p.concurrency();
                    rss += Math.pow(p.throughput() - lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1)), 2);
                }
                best = Math.min(best, rss);
            }
        }
        return best;
    }
}
