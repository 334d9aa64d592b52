package dev.headroom.sizing;

/**
 * One load step as the sizer sees it, in the model's canonical units: requests per second, seconds
 * and CPU cores. {@code NaN} means "not measured": a figure another tool's steps.csv did not carry
 * (only throughput and one of concurrency or offered load are required). A decision that needs a
 * figure every step lacks is reported as not evaluated, never guessed.
 *
 * @param concurrency requests in flight (Little's law L = X·W), or users in a closed model
 * @param connHoldSeconds mean time a request holds a pool connection (HikariCP's usage timer)
 * @param poolMax the pool's maximum size during the step (HikariCP's hikaricp.connections.max)
 * @param requestThreadsBusyAvg request threads busy on average (Tomcat's tomcat.threads.busy)
 * @param gcPauseSecondsPerSecond the share of wall time the JVM spent in GC pauses
 * @param hostIdleCores CPU cores left idle on the test host: near 0, the host itself was the limit
 * @param dbReadSecondsPerSecond the database's time in the service's reads per second of the step,
 *     summed over concurrent statements (performance_schema's statement digests)
 * @param dbWriteSecondsPerSecond the same for its writes: what only the writer can run
 * @param valid false when the load generator or the host could not deliver the step
 * @param role a staircase step, or a short or full-length search trial
 * @param phase the row's phase as steps.csv named it ({@code step}, {@code probe}, {@code bisect},
 *     {@code confirm}, {@code repeat}), for display only: the sizer reads {@code role}
 */
public record MeasuredStep(
        int step,
        double concurrency,
        double offeredRps,
        double throughputRps,
        double latencyMeanSeconds,
        double latencyP95Seconds,
        double latencyP99Seconds,
        double errorRatio,
        double appCpuCores,
        double dbCpuCores,
        double poolActiveAvg,
        double poolPendingAvg,
        double connAcquireSeconds,
        double connHoldSeconds,
        double appMemoryMib,
        double poolMax,
        double requestThreadsBusyAvg,
        double gcPauseSecondsPerSecond,
        double hostIdleCores,
        double dbReadSecondsPerSecond,
        double dbWriteSecondsPerSecond,
        boolean valid,
        String invalidReason,
        StepRole role,
        String phase) {

    /** A staircase step, as every row was before steps.csv had a phase. */
    public MeasuredStep(
            int step,
            double concurrency,
            double offeredRps,
            double throughputRps,
            double latencyMeanSeconds,
            double latencyP95Seconds,
            double latencyP99Seconds,
            double errorRatio,
            double appCpuCores,
            double dbCpuCores,
            double poolActiveAvg,
            double poolPendingAvg,
            double connAcquireSeconds,
            double connHoldSeconds,
            double appMemoryMib,
            double poolMax,
            double requestThreadsBusyAvg,
            double gcPauseSecondsPerSecond,
            double hostIdleCores,
            double dbReadSecondsPerSecond,
            double dbWriteSecondsPerSecond,
            boolean valid,
            String invalidReason) {
        this(
                step,
                concurrency,
                offeredRps,
                throughputRps,
                latencyMeanSeconds,
                latencyP95Seconds,
                latencyP99Seconds,
                errorRatio,
                appCpuCores,
                dbCpuCores,
                poolActiveAvg,
                poolPendingAvg,
                connAcquireSeconds,
                connHoldSeconds,
                appMemoryMib,
                poolMax,
                requestThreadsBusyAvg,
                gcPauseSecondsPerSecond,
                hostIdleCores,
                dbReadSecondsPerSecond,
                dbWriteSecondsPerSecond,
                valid,
                invalidReason,
                StepRole.STAIRCASE,
                STAIRCASE_PHASE);
    }

    /** What a staircase step's phase reads in steps.csv (and what a file without the column means). */
    public static final String STAIRCASE_PHASE = "step";

    public MeasuredStep {
        if (!(throughputRps >= 0) || Double.isInfinite(throughputRps))
            throw new IllegalArgumentException("step " + step + ": throughput_rps must be a finite number >= 0");
        if (Double.isNaN(concurrency) && Double.isNaN(offeredRps))
            throw new IllegalArgumentException("step " + step + ": needs concurrency or offered_rps");
        for (double v : new double[] {
            concurrency,
            offeredRps,
            latencyMeanSeconds,
            latencyP95Seconds,
            latencyP99Seconds,
            errorRatio,
            appCpuCores,
            dbCpuCores,
            poolActiveAvg,
            poolPendingAvg,
            connAcquireSeconds,
            connHoldSeconds,
            appMemoryMib,
            poolMax,
            requestThreadsBusyAvg,
            gcPauseSecondsPerSecond,
            hostIdleCores,
            dbReadSecondsPerSecond,
            dbWriteSecondsPerSecond
        }) {
            if (v < 0 || Double.isInfinite(v))
                throw new IllegalArgumentException("step " + step + ": figures must be finite and >= 0");
        }
        if (gcPauseSecondsPerSecond > 1)
            throw new IllegalArgumentException("step " + step + ": GC pauses cannot exceed the wall time");
        if (errorRatio > 1) throw new IllegalArgumentException("step " + step + ": error_ratio must be <= 1");
        invalidReason = invalidReason == null ? "" : invalidReason;
        role = role == null ? StepRole.STAIRCASE : role;
        phase = phase == null || phase.isBlank() ? STAIRCASE_PHASE : phase;
    }

    /** The load axis: concurrency when known (closed model, or Little's law), else the offered rate. */
    public double load() {
        return Double.isNaN(concurrency) ? offeredRps : concurrency;
    }

    /**
     * A step built by name, so that no two of its eighteen figures can trade places: every figure
     * not set is not measured (NaN), and the step is valid unless {@link Builder#invalid} says why
     * not. Throughput and one of concurrency or offered rate are required, as in steps.csv.
     */
    public static Builder builder(int step) {
        return new Builder(step);
    }

    /** Builds a {@link MeasuredStep} field by field; checked as a whole by its constructor. */
    public static final class Builder {
        private final int step;
        private double concurrency = Double.NaN;
        private double offeredRps = Double.NaN;
        private double throughputRps = Double.NaN;
        private double latencyMeanSeconds = Double.NaN;
        private double latencyP95Seconds = Double.NaN;
        private double latencyP99Seconds = Double.NaN;
        private double errorRatio = Double.NaN;
        private double appCpuCores = Double.NaN;
        private double dbCpuCores = Double.NaN;
        private double poolActiveAvg = Double.NaN;
        private double poolPendingAvg = Double.NaN;
        private double connAcquireSeconds = Double.NaN;
        private double connHoldSeconds = Double.NaN;
        private double appMemoryMib = Double.NaN;
        private double poolMax = Double.NaN;
        private double requestThreadsBusyAvg = Double.NaN;
        private double gcPauseSecondsPerSecond = Double.NaN;
        private double hostIdleCores = Double.NaN;
        private double dbReadSecondsPerSecond = Double.NaN;
        private double dbWriteSecondsPerSecond = Double.NaN;
        private boolean valid = true;
        private String invalidReason = "";
        private StepRole role = StepRole.STAIRCASE;
        private String phase = STAIRCASE_PHASE;

        private Builder(int step) {
            this.step = step;
        }

        public Builder concurrency(double v) {
            concurrency = v;
            return this;
        }

        public Builder offeredRps(double v) {
            offeredRps = v;
            return this;
        }

        public Builder throughputRps(double v) {
            throughputRps = v;
            return this;
        }

        public Builder latencyMeanSeconds(double v) {
            latencyMeanSeconds = v;
            return this;
        }

        public Builder latencyP95Seconds(double v) {
            latencyP95Seconds = v;
            return this;
        }

        public Builder latencyP99Seconds(double v) {
            latencyP99Seconds = v;
            return this;
        }

        public Builder errorRatio(double v) {
            errorRatio = v;
            return this;
        }

        public Builder appCpuCores(double v) {
            appCpuCores = v;
            return this;
        }

        public Builder dbCpuCores(double v) {
            dbCpuCores = v;
            return this;
        }

        public Builder poolActiveAvg(double v) {
            poolActiveAvg = v;
            return this;
        }

        public Builder poolPendingAvg(double v) {
            poolPendingAvg = v;
            return this;
        }

        public Builder connAcquireSeconds(double v) {
            connAcquireSeconds = v;
            return this;
        }

        public Builder connHoldSeconds(double v) {
            connHoldSeconds = v;
            return this;
        }

        public Builder appMemoryMib(double v) {
            appMemoryMib = v;
            return this;
        }

        public Builder poolMax(double v) {
            poolMax = v;
            return this;
        }

        public Builder requestThreadsBusyAvg(double v) {
            requestThreadsBusyAvg = v;
            return this;
        }

        public Builder gcPauseSecondsPerSecond(double v) {
            gcPauseSecondsPerSecond = v;
            return this;
        }

        public Builder hostIdleCores(double v) {
            hostIdleCores = v;
            return this;
        }

        public Builder dbReadSecondsPerSecond(double v) {
            dbReadSecondsPerSecond = v;
            return this;
        }

        public Builder dbWriteSecondsPerSecond(double v) {
            dbWriteSecondsPerSecond = v;
            return this;
        }

        /** The load generator or the host, not the service, limited the step, for {@code reason}. */
        public Builder invalid(String reason) {
            valid = false;
            invalidReason = reason;
            return this;
        }

        /** Valid or not, and why not, as a steps.csv recorded it. */
        public Builder validity(boolean valid, String reason) {
            this.valid = valid;
            this.invalidReason = reason;
            return this;
        }

        /** A search trial, short or full-length, and its phase as steps.csv names it. */
        public Builder trial(StepRole role, String phase) {
            this.role = role;
            this.phase = phase;
            return this;
        }

        public MeasuredStep build() {
            return new MeasuredStep(
                    step,
                    concurrency,
                    offeredRps,
                    throughputRps,
                    latencyMeanSeconds,
                    latencyP95Seconds,
                    latencyP99Seconds,
                    errorRatio,
                    appCpuCores,
                    dbCpuCores,
                    poolActiveAvg,
                    poolPendingAvg,
                    connAcquireSeconds,
                    connHoldSeconds,
                    appMemoryMib,
                    poolMax,
                    requestThreadsBusyAvg,
                    gcPauseSecondsPerSecond,
                    hostIdleCores,
                    dbReadSecondsPerSecond,
                    dbWriteSecondsPerSecond,
                    valid,
                    invalidReason,
                    role,
                    phase);
        }
    }

    public static boolean measured(double v) {
        return !Double.isNaN(v);
    }
}
