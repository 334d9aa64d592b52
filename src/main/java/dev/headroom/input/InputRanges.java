package dev.headroom.input;

import dev.headroom.yaml.YamlSection.NumberRange;
import java.util.Optional;

/**
 * The accepted range of every number in a sizing request, a current plan, a price file and the
 * {@code size} command's flags, in one place. The upper bounds are far above any real service, so
 * they refuse only typos and nonsense (a peak of 1e300), which the sizer's arithmetic in replicas,
 * nodes, connections and dollars would otherwise carry into overflow. The same table, for users,
 * is "Accepted ranges" in {@code scenarios/sizing/README.md}.
 */
public final class InputRanges {
    /** Requests per second, peak or baseline, for the whole service (all replicas). */
    public static final double MAX_RPS = 10_000_000;
    /** Concurrent users at the peak, for the whole service. */
    public static final double MAX_USERS = 10_000_000;
    /** Seconds a user waits between requests: an hour. */
    public static final double MAX_THINK_TIME_S = 3_600;
    /** A latency SLO in milliseconds: a day. */
    public static final double MAX_LATENCY_MS = 86_400_000;
    /** Percent of itself load may grow per minute. */
    public static final double MAX_GROWTH_PER_MINUTE_PCT = 1_000;
    /** CoreMark per vCPU of the test host; today's fastest cores score a few tens of thousands. */
    public static final double MAX_COREMARK_PER_VCPU = 1_000_000;
    /** CPU cores per replica: the vCPUs of the largest EC2 types. */
    public static final double MAX_REPLICA_CPU_CORES = 192;
    /** MiB of memory per replica: 1 TiB. */
    public static final double MAX_REPLICA_MEMORY_MIB = 1_048_576;
    /** Percent of extra max replicas above the peak's need. */
    public static final double MAX_HEADROOM_PCT = 1_000;
    /** Any one scale-out delay (metric interval, sync, alarm, node or service start) in seconds: an hour. */
    public static final double MAX_SCALING_DELAY_S = 3_600;
    /** USD per hour of one priced unit (an instance, a DB class, a cluster, a Fargate vCPU or GB). */
    public static final double MAX_USD_PER_HOUR = 1_000;

    /** Availability zones a plan spreads over: the most any AWS region has. */
    public static final int MAX_AVAILABILITY_ZONES = 6;
    /** Database connections: max_connections, reserved ones, the plan's db_max_connections. */
    public static final int MAX_CONNECTIONS = 100_000;
    /** Replicas (min or max) of the current plan, and its pool size per replica. */
    public static final int MAX_REPLICAS = 10_000;
    /** Nodes or instances of the current plan. */
    public static final int MAX_NODES = 10_000;

    public static final NumberRange PEAK_RPS = NumberRange.above(0).upTo(MAX_RPS);
    public static final NumberRange BASELINE_RPS = NumberRange.from(0).upTo(MAX_RPS);
    public static final NumberRange USERS = NumberRange.above(0).upTo(MAX_USERS);
    public static final NumberRange THINK_TIME_S = NumberRange.above(0).upTo(MAX_THINK_TIME_S);
    public static final NumberRange LATENCY_MS = NumberRange.above(0).upTo(MAX_LATENCY_MS);
    public static final NumberRange ERROR_RATIO = NumberRange.from(0).upTo(1);
    public static final NumberRange GROWTH_PER_MINUTE_PCT = NumberRange.from(0).upTo(MAX_GROWTH_PER_MINUTE_PCT);
    public static final NumberRange COREMARK_PER_VCPU = NumberRange.above(0).upTo(MAX_COREMARK_PER_VCPU);
    /** A CPU utilization target in percent: a database's or an autoscaling trigger's. */
    public static final NumberRange CPU_TARGET_PCT = NumberRange.above(0).upTo(100);

    public static final NumberRange REPLICA_CPU_CORES = NumberRange.above(0).upTo(MAX_REPLICA_CPU_CORES);
    public static final NumberRange REPLICA_MEMORY_MIB = NumberRange.above(0).upTo(MAX_REPLICA_MEMORY_MIB);
    public static final NumberRange HEADROOM_PCT = NumberRange.from(0).upTo(MAX_HEADROOM_PCT);
    public static final NumberRange SCALING_DELAY_S = NumberRange.from(0).upTo(MAX_SCALING_DELAY_S);
    public static final NumberRange USD_PER_HOUR = NumberRange.above(0).upTo(MAX_USD_PER_HOUR);

    private InputRanges() {}

    /**
     * The problem with a command-line flag's value, naming the flag and its range; empty when the
     * flag is absent or in range.
     */
    public static Optional<String> flagProblem(String flag, Double value, NumberRange range) {
        if (value == null || range.contains(value)) return Optional.empty();
        return Optional.of(flag + ": must be " + range.describe() + ", was " + shown(value));
    }

    /** As typed when it is an ordinary number; 1e300 as 1.0E300, not three hundred digits. */
    private static String shown(double value) {
        return Double.isFinite(value) && Math.abs(value) < 1e15 ? NumberRange.plain(value) : String.valueOf(value);
    }
}
