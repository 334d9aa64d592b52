package dev.headroom.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * How fast the host's CPU is right now: a fixed mix of what a Java web service spends its CPU on
 * between database calls (sorting, hashing into maps, formatting and parsing numbers), timed by the
 * calling thread's own CPU clock. Operations per CPU-second drop only when a CPU-second does less
 * work: a lower clock, or another tenant of the physical machine taking the caches and cores this
 * virtual machine runs on. /proc cannot see that: the service's CPU per request rises with it, and
 * nothing in the lab changed.
 *
 * <p>Measured on the 2-core AMD EPYC virtual machine here (docs/metrics.md, "The host's speed"):
 * with nothing running, a single-threaded loop did half its usual work per CPU-second for 20 s, and
 * the start-of-run calibrations of one day read 47,500 to 65,300 operations per CPU-second. Runs
 * whose service CPU per request at one rate differed by 9-13 % differed by 13-16 % in the
 * database's too: native code, so not one JIT alone.
 *
 * <p>Recorded, not judged: in SearchIT on CI the probe read 75-83 % slow for four short trials in a
 * row, far beyond anything the host did. It runs in the injector's JVM, whose compiler most likely
 * deoptimized the mix (not confirmed: no compilation log was kept); at 100 operations a second it
 * would take some 10,000 calls, over a minute, to compile it again. Its figures are compared only
 * with the others of their run.
 *
 * <p>The same mix is the start-of-run calibration's benchmark (test bench/HostCalibrationBench), so
 * the two speak of the same work. Not thread-safe: one sampler thread owns a probe.
 */
public final class HostSpeedProbe {
    /**
     * Operations per reading: about 2 ms of CPU at the 50,000-60,000 operations per CPU-second the
     * calibration measures here, so a reading a second costs the injector 0.2 % of a core.
     */
    public static final int OPS_PER_READING = 100;

    /**
     * Operations run once before the first reading, so readings time compiled code: the mix is
     * compiled by C2 after some 10,000 calls, which one reading a second would take minutes to reach.
     */
    static final int WARMUP_OPS = 20_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int[] numbers = numbers();
    private final int opsPerReading;
    private boolean warm;
    private long ops;
    private long cpuNanos;
    private int sink; // the work's result, kept in a field so the compiler cannot drop the mix as dead code

    public HostSpeedProbe() {
        this(OPS_PER_READING);
    }

    HostSpeedProbe(int opsPerReading) {
        if (opsPerReading < 1) throw new IllegalArgumentException("opsPerReading must be >= 1, got " + opsPerReading);
        this.opsPerReading = opsPerReading;
    }

    /** The operations and CPU seconds of every reading so far, after this one. */
    public record Totals(long ops, double cpuS) {
        /** Before any reading, or where the JVM cannot read a thread's CPU time. */
        public static final Totals UNMEASURED = new Totals(0, Double.NaN);
    }

    /**
     * Runs one reading on the calling thread and returns the running totals; the rate between two
     * readings is the growth of their operations over the growth of their CPU seconds.
     */
    public Totals read() {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) return Totals.UNMEASURED;
        if (!warm) {
            for (int i = 0; i < WARMUP_OPS; i++) sink += mix(numbers);
            warm = true;
        }
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < opsPerReading; i++) sink += mix(numbers);
        long end = THREADS.getCurrentThreadCpuTime();
        if (start < 0 || end < start) return Totals.UNMEASURED; // CPU time measurement switched off
        ops += opsPerReading;
        cpuNanos += end - start;
        return new Totals(ops, cpuNanos / 1e9);
    }

    /** The mix's input: 512 numbers from a fixed seed, so every run times the same work. */
    public static int[] numbers() {
        return new Random(20261122).ints(512, 0, 1_000_000).toArray();
    }

    /** One operation of the mix on {@code numbers} (left unchanged); its result keeps the work alive. */
    public static int mix(int[] numbers) {
        int[] sorted = numbers.clone();
        Arrays.sort(sorted);
        Map<String, Integer> byText = new HashMap<>();
        for (int i = 0; i < sorted.length; i += 4) byText.put(Integer.toString(sorted[i]), i);
        int sum = 0;
        for (int i = 0; i < sorted.length; i += 4) sum += byText.get(Integer.toString(sorted[i]));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 64; i++) text.append(sorted[i] / 1000.0).append(',');
        for (String part : text.toString().split(",")) sum += (int) Double.parseDouble(part);
        return sum;
    }
}
