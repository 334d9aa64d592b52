package dev.headroom.sizing;

/** Builds measured steps for tests of pure logic: only the figures a test names are measured. */
final class Steps {
    private Steps() {}

    static MeasuredStep closed(int step, double users, double rps) {
        return of(step, users, rps, Double.NaN, Double.NaN, true);
    }

    /** A step with an error ratio of 0, its p95 and the service's CPU. */
    static MeasuredStep of(int step, double concurrency, double rps, double p95Ms, double appCpu, boolean valid) {
        return step(step, concurrency, rps, p95Ms, 0, appCpu, valid);
    }

    /** A step with throughput and p95 only: no error ratio, as some tools' tables have none. */
    static MeasuredStep p95Only(int step, double concurrency, double rps, double p95Ms) {
        return step(step, concurrency, rps, p95Ms, Double.NaN, Double.NaN, true);
    }

    private static MeasuredStep step(
            int step, double concurrency, double rps, double p95Ms, double errorRatio, double appCpu, boolean valid) {
        return MeasuredStep.builder(step)
                .concurrency(concurrency)
                .throughputRps(rps)
                .latencyP95Seconds(p95Ms / 1000)
                .errorRatio(errorRatio)
                .appCpuCores(appCpu)
                .validity(valid, valid ? "" : "injector sent too little")
                .build();
    }

    /** Every figure a step can carry, named; unset ones are not measured. */
    static Full full(int step) {
        return new Full(step);
    }

    static final class Full {
        private final int step;
        private double users = Double.NaN, offered = Double.NaN, rps, p95Ms = Double.NaN, app = Double.NaN;
        private double db = Double.NaN, active = Double.NaN, pending = Double.NaN, acquireMs = Double.NaN;
        private double holdMs = Double.NaN, memory = Double.NaN, poolMax = Double.NaN, threads = Double.NaN;
        private double gcMsPerS = Double.NaN, hostIdle = Double.NaN;
        private boolean valid = true;

        private Full(int step) {
            this.step = step;
        }

        Full users(double v) {
            users = v;
            return this;
        }

        Full offered(double v) {
            offered = v;
            return this;
        }

        Full rps(double v) {
            rps = v;
            return this;
        }

        Full p95Ms(double v) {
            p95Ms = v;
            return this;
        }

        Full app(double v) {
            app = v;
            return this;
        }

        Full db(double v) {
            db = v;
            return this;
        }

        Full active(double v) {
            active = v;
            return this;
        }

        Full pending(double v) {
            pending = v;
            return this;
        }

        Full acquireMs(double v) {
            acquireMs = v;
            return this;
        }

        Full holdMs(double v) {
            holdMs = v;
            return this;
        }

        Full memory(double v) {
            memory = v;
            return this;
        }

        Full poolMax(double v) {
            poolMax = v;
            return this;
        }

        Full threads(double v) {
            threads = v;
            return this;
        }

        Full gcMsPerS(double v) {
            gcMsPerS = v;
            return this;
        }

        Full hostIdle(double v) {
            hostIdle = v;
            return this;
        }

        Full invalid() {
            valid = false;
            return this;
        }

        MeasuredStep build() {
            return MeasuredStep.builder(step)
                    .concurrency(users)
                    .offeredRps(offered)
                    .throughputRps(rps)
                    .latencyP95Seconds(p95Ms / 1000)
                    .errorRatio(0)
                    .appCpuCores(app)
                    .dbCpuCores(db)
                    .poolActiveAvg(active)
                    .poolPendingAvg(pending)
                    .connAcquireSeconds(acquireMs / 1000)
                    .connHoldSeconds(holdMs / 1000)
                    .appMemoryMib(memory)
                    .poolMax(poolMax)
                    .requestThreadsBusyAvg(threads)
                    .gcPauseSecondsPerSecond(gcMsPerS / 1000)
                    .hostIdleCores(hostIdle)
                    .validity(valid, valid ? "" : "injector sent too little")
                    .build();
        }
    }
}
