package dev.headroom.compare;

import dev.headroom.history.RunSummary;
import dev.headroom.report.HeadlineFigures;
import java.util.function.ToDoubleFunction;

/**
 * The headline figures a comparison judges, each with its unit, which way is better, and whether a
 * slower host explains a change in it (CPU per request scales with the host's speed; capacity and
 * latency depend on more than CPU, so they are never adjusted).
 */
public enum Figure {
    CAPACITY_AT_SLO("capacity_at_slo_rps", "capacity at SLO", "req/s", true, false, f -> f.capacityAtSloRps()),
    MAX_THROUGHPUT("max_throughput_rps", "max throughput", "req/s", true, false, f -> f.maxThroughputRps()),
    KNEE_THROUGHPUT("knee_throughput_rps", "knee", "req/s", true, false, f -> f.kneeThroughputRps()),
    CPU_PER_REQUEST(
            "cpu_ms_per_request", "service CPU per request", "ms", false, true, f -> f.cpuSecondsPerRequest() * 1000),
    DB_CPU_PER_REQUEST(
            "db_cpu_ms_per_request",
            "database CPU per request",
            "ms",
            false,
            true,
            f -> f.dbCpuSecondsPerRequest() * 1000),
    /**
     * The service's CPU per request over the database's, at the reference load: the lab's database does
     * the same work a request in every run, so the two follow the host's speed together and their
     * ratio moves only when one of them changed. Measured on the 2-core AMD EPYC here: over three
     * default runs the service's CPU per request moved -7 to +17 % of their median and the ratio stayed
     * at 1.28-1.32 (docs/search.md, "the database as the host's yardstick"); over three nightly runs
     * warmed until steady it varied 2.7 % at 500 req/s where CPU per request varied 6.8 %, but after
     * the timed warm-up, with the JIT still compiling there, as much as CPU per request (5.9 %;
     * docs/nightly.md, "The service's CPU over the database's"). A build whose service
     * costs more a request raises it on any host; one that makes the database dearer (a lost index)
     * lowers it, so it is read beside the database's CPU per request, never alone. NaN when the
     * database's CPU was not measured.
     */
    CPU_PER_DB_CPU("cpu_per_db_cpu", "service CPU per database CPU", "×", false, false, HeadlineFigures::cpuPerDbCpu),
    CONNECTION_HOLD("conn_hold_ms", "connection hold time", "ms", false, false, f -> f.connHoldSeconds() * 1000),
    P95_AT_REFERENCE("p95_ms", "p95 latency", "ms", false, false, f -> f.latencyP95Seconds() * 1000),
    P99_AT_REFERENCE("p99_ms", "p99 latency", "ms", false, false, f -> f.latencyP99Seconds() * 1000);

    /** Keys of the per-step figures' noise (pooled over the steps of a run). */
    public static final String STEP_THROUGHPUT = "step_throughput_rps";

    public static final String STEP_P95 = "step_p95_ms";
    public static final String CALIBRATION = "calibration_ops_per_s";

    private final String key;
    private final String label;
    private final String unit;
    private final boolean higherIsBetter;
    private final boolean scalesWithHostSpeed;
    private final ToDoubleFunction<HeadlineFigures> read;

    Figure(
            String key,
            String label,
            String unit,
            boolean higherIsBetter,
            boolean scalesWithHostSpeed,
            ToDoubleFunction<HeadlineFigures> read) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.scalesWithHostSpeed = scalesWithHostSpeed;
        this.read = read;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public boolean scalesWithHostSpeed() {
        return scalesWithHostSpeed;
    }

    /** The figure of a run, in {@link #unit()}; NaN when it was not measured. */
    public double of(RunSummary run) {
        return read.applyAsDouble(run.figures());
    }

    /**
     * The resolution of each sample behind the figure, in {@link #unit()}; 0 when finer than any
     * change that matters. The connection hold time is HikariCP's usage timer, which records every
     * connection's use in whole milliseconds ({@code IMetricsTracker.recordConnectionUsageMillis(long)},
     * truncated): while holds spread over several milliseconds the mean of many such samples still
     * follows the hold time, but a mean below 1 ms is the share of holds that crossed a millisecond,
     * set by the slowest few (a GC pause), not the typical hold. Two runs less than the resolution
     * apart, one of them below it, are therefore not compared on it (0.812 and 0.645 ms are not; 2.0
     * and 2.4 ms are).
     */
    public double resolution() {
        return this == CONNECTION_HOLD ? 1.0 : 0;
    }

    /** Whether the figure is read over all the valid steps (capacity, knee, max throughput). */
    public boolean overValidSteps() {
        return this == CAPACITY_AT_SLO || this == MAX_THROUGHPUT || this == KNEE_THROUGHPUT;
    }

    /** Whether the figure is read at the reference load (and so is labelled with it). */
    public boolean atReference() {
        return this == CPU_PER_REQUEST
                || this == DB_CPU_PER_REQUEST
                || this == CPU_PER_DB_CPU
                || this == CONNECTION_HOLD
                || this == P95_AT_REFERENCE
                || this == P99_AT_REFERENCE;
    }
}
