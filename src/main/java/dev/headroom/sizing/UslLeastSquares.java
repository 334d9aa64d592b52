package dev.headroom.sizing;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * One least-squares fit of X(N) = λN / (1 + σ(N−1) + κN(N−1)) to measured throughput, with σ, κ,
 * both or neither held at 0. Nothing here enforces σ, κ ≥ 0: {@link UslFit} picks among these
 * fits, and the test shows the unbounded one going negative.
 */
final class UslLeastSquares {
    private static final int MAX_EVALUATIONS = 10_000;
    // start of σ and κ for Levenberg-Marquardt: small and positive, as a scalable system's are
    private static final double SIGMA_START = 0.01;
    private static final double KAPPA_START = 1e-4;

    private UslLeastSquares() {}

    /** The coefficients a fit holds at 0: the lower bounds of σ ≥ 0 and κ ≥ 0 made active. */
    enum Held {
        NONE(true, true),
        SIGMA(false, true),
        KAPPA(true, false),
        SIGMA_AND_KAPPA(false, false);

        final boolean sigmaFree;
        final boolean kappaFree;

        Held(boolean sigmaFree, boolean kappaFree) {
            this.sigmaFree = sigmaFree;
            this.kappaFree = kappaFree;
        }
    }

    /** Fitted coefficients, unchecked, and the residual sum of squares (throughput unit squared). */
    record Coefficients(Held held, double sigma, double kappa, double lambda, double residualSumOfSquares) {
        boolean withinBounds() {
            return sigma >= 0 && kappa >= 0 && lambda > 0 && Double.isFinite(residualSumOfSquares);
        }
    }

    /** @throws org.hipparchus.exception.MathIllegalStateException if the fit does not converge */
    static Coefficients fit(double[] concurrency, double[] throughput, Held held) {
        if (!held.sigmaFree && !held.kappaFree) return linear(concurrency, throughput, held);
        double lambdaStart = lambdaStart(concurrency, throughput);
        double[] start = held.sigmaFree && held.kappaFree
                ? new double[] {SIGMA_START, KAPPA_START, lambdaStart}
                : new double[] {held.sigmaFree ? SIGMA_START : KAPPA_START, lambdaStart};
        Optimum optimum = new LevenbergMarquardtOptimizer()
                .optimize(new LeastSquaresBuilder()
                        .start(start)
                        .model(model(concurrency, held))
                        .target(throughput)
                        .maxEvaluations(MAX_EVALUATIONS)
                        .maxIterations(MAX_EVALUATIONS)
                        .build());
        double[] c = full(optimum.getPoint().toArray(), held);
        return new Coefficients(held, c[0], c[1], c[2], Math.pow(optimum.getRMS(), 2) * concurrency.length);
    }

    /**
     * λ's start: X/N at the lowest measured concurrency (the best of them if it was measured more
     * than once), where contention and coherency have cost the least.
     */
    private static double lambdaStart(double[] concurrency, double[] throughput) {
        double lowest = Double.POSITIVE_INFINITY;
        double best = 0;
        for (int i = 0; i < concurrency.length; i++) {
            double perUnit = throughput[i] / concurrency[i];
            if (concurrency[i] < lowest) {
                lowest = concurrency[i];
                best = perUnit;
            } else if (concurrency[i] == lowest) {
                best = Math.max(best, perUnit);
            }
        }
        return best;
    }

    /** σ = κ = 0 leaves X = λN, whose least-squares λ is ΣNX / ΣN² in closed form. */
    private static Coefficients linear(double[] concurrency, double[] throughput, Held held) {
        double nx = 0;
        double nn = 0;
        for (int i = 0; i < concurrency.length; i++) {
            nx += concurrency[i] * throughput[i];
            nn += concurrency[i] * concurrency[i];
        }
        double lambda = nx / nn;
        double rss = 0;
        for (int i = 0; i < concurrency.length; i++) rss += Math.pow(throughput[i] - lambda * concurrency[i], 2);
        return new Coefficients(held, 0, 0, lambda, rss);
    }

    /** X(N) at every point and its Jacobian in the free coefficients (σ, κ, λ in that order). */
    private static MultivariateJacobianFunction model(double[] concurrency, Held held) {
        return point -> {
            double[] c = full(point.toArray(), held);
            double sigma = c[0];
            double kappa = c[1];
            double lambda = c[2];
            RealVector value = new ArrayRealVector(concurrency.length);
            RealMatrix jacobian = new Array2DRowRealMatrix(concurrency.length, point.getDimension());
            for (int i = 0; i < concurrency.length; i++) {
                double n = concurrency[i];
                double d = 1 + sigma * (n - 1) + kappa * n * (n - 1);
                value.setEntry(i, lambda * n / d);
                int column = 0;
                if (held.sigmaFree) jacobian.setEntry(i, column++, -lambda * n * (n - 1) / (d * d));
                if (held.kappaFree) jacobian.setEntry(i, column++, -lambda * n * n * (n - 1) / (d * d));
                jacobian.setEntry(i, column, n / d);
            }
            return new Pair<>(value, jacobian);
        };
    }

    /** (σ, κ, λ) from the free coefficients, the held ones at 0. */
    private static double[] full(double[] free, Held held) {
        int i = 0;
        double sigma = held.sigmaFree ? free[i++] : 0;
        double kappa = held.kappaFree ? free[i++] : 0;
        return new double[] {sigma, kappa, free[i]};
    }
}
