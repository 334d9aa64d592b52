package dev.headroom.sizing;

import dev.headroom.sizing.UslLeastSquares.Coefficients;
import dev.headroom.sizing.UslLeastSquares.Held;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.hipparchus.exception.MathIllegalStateException;

/**
 * Fits the Universal Scalability Law to measured (concurrency, throughput) points by least squares
 * (Levenberg-Marquardt), with σ ≥ 0 and κ ≥ 0.
 *
 * <p>The bounds are enforced exactly, by active set: the free fit is kept if it is within them;
 * otherwise each bound is made active in turn (σ = 0, κ = 0, both) and the within-bounds fit of
 * least residual sum of squares wins. Real data often give a free κ &lt; 0 (throughput that climbs
 * back toward linear after early contention), and then N* = √((1 − σ)/κ) means nothing; a free
 * σ &lt; 0 comes from super-linear first steps (caches warming).
 *
 * @see "Schwartz, Practical Scalability Analysis with the USL (nonlinear least squares on X(N))"
 * @see "smoeding/usl, the R package, which also bounds σ and κ (to [0, 1], with nls's port algorithm)"
 */
public final class UslFit {
    /** usl4j's minimum: with three coefficients, fewer points leave almost nothing to judge the fit. */
    public static final int MIN_POINTS = 6;

    private static final int MIN_DISTINCT_CONCURRENCIES = 3;

    private UslFit() {}

    /**
     * The least-squares USL of the points, with σ ≥ 0 and κ ≥ 0.
     *
     * @throws IllegalArgumentException if there are fewer than {@value #MIN_POINTS} points or
     *     fewer than 3 distinct concurrencies, if every throughput is 0, if throughput does not
     *     rise with concurrency (fitted σ ≥ 1), or if no fit within the bounds converges; callers then fall
     *     back to the measured steps
     */
    public static UslFitResult fit(List<UslPoint> points) {
        Objects.requireNonNull(points, "points");
        if (points.size() < MIN_POINTS) {
            throw new IllegalArgumentException("the USL fit needs at least " + MIN_POINTS
                    + " measured points (three coefficients and some left to judge them), got " + points.size());
        }
        double[] concurrency =
                points.stream().mapToDouble(UslPoint::concurrency).toArray();
        double[] throughput = points.stream().mapToDouble(UslPoint::throughput).toArray();
        long distinct = DoubleStream.of(concurrency).distinct().count();
        if (distinct < MIN_DISTINCT_CONCURRENCIES) {
            throw new IllegalArgumentException("the USL fit needs at least " + MIN_DISTINCT_CONCURRENCIES
                    + " distinct concurrencies, got " + distinct + " among " + points.size() + " points");
        }
        if (DoubleStream.of(throughput).allMatch(x -> x == 0)) {
            throw new IllegalArgumentException("every measured throughput is 0: nothing to fit");
        }
        Coefficients best = withinBounds(concurrency, throughput);
        if (best.sigma() >= 1) {
            throw new IllegalArgumentException("throughput does not rise with concurrency over the measured points"
                    + " (fitted sigma = " + best.sigma() + " >= 1): measure from a lower concurrency");
        }
        Usl model = Usl.contention(best.sigma()).coherency(best.kappa()).throughputPerUnit(best.lambda());
        return new UslFitResult(
                model,
                points.size(),
                rSquared(best.residualSumOfSquares(), throughput),
                Math.sqrt(best.residualSumOfSquares() / points.size()),
                !best.held().sigmaFree,
                !best.held().kappaFree,
                DoubleStream.of(concurrency).min().orElseThrow(),
                DoubleStream.of(concurrency).max().orElseThrow());
    }

    /** The least-squares fit with σ ≥ 0 and κ ≥ 0: free if it stays within them, else on a bound. */
    private static Coefficients withinBounds(double[] concurrency, double[] throughput) {
        Optional<Coefficients> free =
                leastSquares(concurrency, throughput, Held.NONE).filter(Coefficients::withinBounds);
        if (free.isPresent()) return free.get();
        return Stream.of(Held.SIGMA, Held.KAPPA, Held.SIGMA_AND_KAPPA)
                .flatMap(held -> leastSquares(concurrency, throughput, held).stream())
                .filter(Coefficients::withinBounds)
                .min(Comparator.comparingDouble(Coefficients::residualSumOfSquares))
                .orElseThrow(() -> new IllegalArgumentException(
                        "no USL fit with sigma >= 0, kappa >= 0 and lambda > 0 converged for these points"));
    }

    /** Empty if Levenberg-Marquardt did not converge: that bound is then no candidate. */
    private static Optional<Coefficients> leastSquares(double[] concurrency, double[] throughput, Held held) {
        try {
            return Optional.of(UslLeastSquares.fit(concurrency, throughput, held));
        } catch (MathIllegalStateException e) {
            return Optional.empty();
        }
    }

    /** 1 − RSS/TSS; NaN when every throughput is the same, leaving no variance to explain. */
    private static double rSquared(double residualSumOfSquares, double[] throughput) {
        double mean = DoubleStream.of(throughput).average().orElseThrow();
        double total =
                DoubleStream.of(throughput).map(x -> (x - mean) * (x - mean)).sum();
        return total == 0 ? Double.NaN : 1 - residualSumOfSquares / total;
    }
}
