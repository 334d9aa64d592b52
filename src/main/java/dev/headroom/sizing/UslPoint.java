package dev.headroom.sizing;

/**
 * One measured step for the fit: a concurrency and the throughput measured at it. Built by name,
 * {@code UslPoint.atConcurrency(n).throughput(x)}, for the reason {@link Usl} is.
 */
public final class UslPoint {
    private final double concurrency;
    private final double throughput;

    private UslPoint(double concurrency, double throughput) {
        if (!(concurrency > 0) || Double.isInfinite(concurrency)) {
            throw new IllegalArgumentException("concurrency must be finite and > 0, was " + concurrency);
        }
        if (!(throughput >= 0) || Double.isInfinite(throughput)) {
            throw new IllegalArgumentException(
                    "throughput must be finite and >= 0, was " + throughput + " (at concurrency " + concurrency + ")");
        }
        this.concurrency = concurrency;
        this.throughput = throughput;
    }

    /** The concurrency of the step (users, or mean requests in flight), > 0. */
    public static AtConcurrency atConcurrency(double concurrency) {
        return new AtConcurrency(concurrency);
    }

    /** The concurrency is known; the throughput completes the point. */
    public static final class AtConcurrency {
        private final double concurrency;

        private AtConcurrency(double concurrency) {
            this.concurrency = concurrency;
        }

        /** The throughput measured at that concurrency, ≥ 0, in the unit the model is to use. */
        public UslPoint throughput(double throughput) {
            return new UslPoint(concurrency, throughput);
        }
    }

    public double concurrency() {
        return concurrency;
    }

    public double throughput() {
        return throughput;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UslPoint other
                && Double.compare(concurrency, other.concurrency) == 0
                && Double.compare(throughput, other.throughput) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(concurrency) * 31 + Double.hashCode(throughput);
    }

    @Override
    public String toString() {
        return "UslPoint[concurrency=" + concurrency + ", throughput=" + throughput + "]";
    }
}
