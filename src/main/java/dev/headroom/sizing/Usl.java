package dev.headroom.sizing;

/**
 * Gunther's Universal Scalability Law: the throughput of a system at concurrency N,
 * X(N) = λN / (1 + σ(N−1) + κN(N−1)).
 *
 * <p>σ (contention) is the fraction of the work that waits in line for a shared resource, κ
 * (coherency, crosstalk) the cost of every pair of workers agreeing on shared state, λ the
 * throughput of one unit of concurrency without either. Throughput is in whatever unit the caller
 * measured (Headroom uses requests per second) and latencies in that unit's reciprocal time
 * (seconds for requests per second).
 *
 * <p>Not a record: three adjacent doubles are easy to swap unnoticed (usl4j's {@code Model.of}
 * takes them positionally), so the only way to build one names each coefficient in turn:
 * {@code Usl.contention(σ).coherency(κ).throughputPerUnit(λ)}.
 *
 * @see "N. J. Gunther, Guerrilla Capacity Planning (Springer, 2007), Chapter 4"
 * @see "B. Schwartz, Practical Scalability Analysis with the Universal Scalability Law (VividCortex)"
 */
public final class Usl {
    private final double sigma;
    private final double kappa;
    private final double lambda;

    private Usl(double sigma, double kappa, double lambda) {
        // σ = 1 serializes all the work: X never rises above X(1), and with κ > 0, N* = 0 and X(N*) = 0/0
        if (!(sigma >= 0 && sigma < 1)) {
            throw new IllegalArgumentException("sigma (contention) must be within [0, 1), was " + sigma);
        }
        if (!(kappa >= 0) || Double.isInfinite(kappa)) {
            throw new IllegalArgumentException("kappa (coherency) must be finite and >= 0, was " + kappa);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda (throughput per unit) must be finite and > 0, was " + lambda);
        }
        this.sigma = sigma;
        this.kappa = kappa;
        this.lambda = lambda;
    }

    /** First of three named steps: σ, the coefficient of contention. */
    public static WithContention contention(double sigma) {
        return new WithContention(sigma);
    }

    /** σ is known; κ comes next. */
    public static final class WithContention {
        private final double sigma;

        private WithContention(double sigma) {
            this.sigma = sigma;
        }

        /** κ, the coefficient of coherency (crosstalk). */
        public WithCoherency coherency(double kappa) {
            return new WithCoherency(sigma, kappa);
        }
    }

    /** σ and κ are known; λ completes the model. */
    public static final class WithCoherency {
        private final double sigma;
        private final double kappa;

        private WithCoherency(double sigma, double kappa) {
            this.sigma = sigma;
            this.kappa = kappa;
        }

        /** λ, the throughput of one unit of concurrency free of contention and coherency. */
        public Usl throughputPerUnit(double lambda) {
            return new Usl(sigma, kappa, lambda);
        }
    }

    /** σ, the coefficient of contention, in [0, 1). */
    public double sigma() {
        return sigma;
    }

    /** κ, the coefficient of coherency (crosstalk), ≥ 0. */
    public double kappa() {
        return kappa;
    }

    /** λ, the throughput of one unit of concurrency, > 0. */
    public double lambda() {
        return lambda;
    }

    /**
     * The throughput at concurrency N.
     *
     * @return X(N) = λN / (1 + σ(N−1) + κN(N−1))
     * @see "Schwartz, Practical Scalability Analysis with the USL, Equation 3"
     * @see "Gunther, Guerrilla Capacity Planning (2007), Chapter 4"
     */
    public double throughputAtConcurrency(double n) {
        requireConcurrency(n, 0);
        return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    /**
     * The concurrency at which the model reaches throughput x on its rising branch (N ≤ N*): the
     * smaller root of Equation 3 solved for N, κx·N² + (σx − κx − λ)·N + (1 − σ)x = 0. The κ term
     * is kept: usl4j's inverse (its Equation 8 times x) drops it and misses by a round trip.
     *
     * @return N(X), with N(X(N)) = N for every N ≤ N*
     * @throws IllegalArgumentException if x is above {@link #maxThroughput()}, or equals the
     *     ceiling λ/σ that a κ = 0 model only approaches
     * @see "Schwartz, Practical Scalability Analysis with the USL, Equation 3"
     */
    public double concurrencyAtThroughput(double x) {
        if (!(x >= 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("throughput must be finite and >= 0, was " + x);
        }
        double max = maxThroughput();
        if (x > max || (kappa == 0 && x == max)) {
            throw new IllegalArgumentException("throughput " + x + " is above what the model reaches: "
                    + (kappa == 0 ? "it only approaches " : "its maximum is ") + max + " (" + this + ")");
        }
        return Quadratic.roots(kappa * x, sigma * x - kappa * x - lambda, (1 - sigma) * x)[0];
    }

    /**
     * The mean response time at concurrency N of a closed system with no think time, from the
     * response-time law R = N/X − Z with Z = 0.
     *
     * @return R(N) = (1 + σ(N−1) + κN(N−1)) / λ
     * @see "Schwartz, Practical Scalability Analysis with the USL, Equation 6"
     * @see "Denning and Buzen, The Operational Analysis of Queueing Network Models (1978)"
     */
    public double latencyAtConcurrency(double n) {
        requireConcurrency(n, Double.MIN_VALUE);
        return (1 + sigma * (n - 1) + kappa * n * (n - 1)) / lambda;
    }

    /**
     * The concurrency at which the mean response time reaches r: the larger root of Equation 6
     * solved for N, κN² + (σ − κ)N + (1 − σ − λr) = 0, where latency rises with concurrency.
     *
     * @return N(R), with N(R(N)) = N for every N ≥ 1
     * @throws IllegalArgumentException if r is below the model's lowest latency, or if σ = κ = 0
     *     (latency is then 1/λ at every concurrency)
     * @see "Schwartz, Practical Scalability Analysis with the USL, Equation 10"
     */
    public double concurrencyAtLatency(double r) {
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("latency must be finite and > 0, was " + r);
        }
        if (sigma == 0 && kappa == 0) {
            throw new IllegalArgumentException("a linear model (sigma = kappa = 0) has latency 1/lambda = "
                    + (1 / lambda) + " at every concurrency, so it gives no concurrency for a latency");
        }
        // R(N) is a parabola in N with its vertex at (κ − σ) / 2κ, which is below N = 1/2
        double lowest = kappa == 0 ? 0 : Math.max(0, (kappa - sigma) / (2 * kappa));
        double floor = latencyAtConcurrency(Math.max(lowest, Double.MIN_VALUE));
        if (r < floor) {
            throw new IllegalArgumentException(
                    "latency " + r + " is below the model's lowest latency of " + floor + " (" + this + ")");
        }
        return Quadratic.roots(kappa, sigma - kappa, 1 - sigma - lambda * r)[1];
    }

    /**
     * The concurrency of the highest throughput, where contention and coherency start to cost more
     * than another worker brings; infinite when κ = 0 (throughput then only approaches λ/σ).
     *
     * @return N* = √((1 − σ) / κ)
     * @see "Schwartz, Practical Scalability Analysis with the USL, Equation 4"
     * @see "Gunther, Guerrilla Capacity Planning (2007), Chapter 4"
     */
    public double peakConcurrency() {
        return kappa == 0 ? Double.POSITIVE_INFINITY : Math.sqrt((1 - sigma) / kappa);
    }

    /**
     * The highest throughput the model reaches (or approaches): X(N*); with κ = 0, Amdahl's
     * ceiling λ/σ; with σ = κ = 0, infinite (linear scaling).
     *
     * @return X(N*), λ/σ or +∞
     * @see "Gunther, Guerrilla Capacity Planning (2007), Chapter 4 (Amdahl's law as the κ = 0 case)"
     */
    public double maxThroughput() {
        if (kappa > 0) return throughputAtConcurrency(peakConcurrency());
        return sigma > 0 ? lambda / sigma : Double.POSITIVE_INFINITY;
    }

    private static void requireConcurrency(double n, double least) {
        if (!(n >= least) || Double.isInfinite(n)) {
            throw new IllegalArgumentException(
                    "concurrency must be finite and " + (least == 0 ? ">= 0" : "> 0") + ", was " + n);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Usl other
                && Double.compare(sigma, other.sigma) == 0
                && Double.compare(kappa, other.kappa) == 0
                && Double.compare(lambda, other.lambda) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(sigma) * 961 + Double.hashCode(kappa) * 31 + Double.hashCode(lambda);
    }

    @Override
    public String toString() {
        return "Usl[sigma=" + sigma + ", kappa=" + kappa + ", lambda=" + lambda + "]";
    }
}
