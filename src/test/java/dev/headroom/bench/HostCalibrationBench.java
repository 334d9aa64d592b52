package dev.headroom.bench;

import dev.headroom.metrics.HostSpeedProbe;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host's CPU speed, timed at the start of every run (load/HostCalibration) so that a comparison
 * can tell a slower machine from a slower build: one thread doing a fixed mix of what a Java web
 * service spends its CPU on between database calls (sorting, hashing into maps, formatting and
 * parsing numbers into text). The work is fixed and seeded, so its score moves only with the
 * host: the CPU's clock and model, and whatever else the host was running. Not a hot path of
 * Headroom: its score is ops/s of this mix, comparable only with itself. The mix is {@link
 * HostSpeedProbe#mix}, which the run's sampler also times once a second, so the start-of-run
 * calibration and the per-step host speed in steps.csv time the same work.
 *
 * <p>Two speeds come out of it. JMH's score, operations per second of wall time, is what the
 * host gave this thread: it drops on a slower CPU and also on a busy host, whose scheduler gives the
 * thread less than a whole CPU. The auxiliary counters give operations per second of the thread's
 * own CPU time, which drops only on a slower CPU: the one to scale CPU per request by. Their ratio
 * is the share of a CPU the thread got.
 *
 * <p>Baseline: copying the same array, which every operation of the mix starts with.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HostCalibrationBench {
    /** The benchmark method the calibration runs, as JMH names it. */
    public static final String MIX = HostCalibrationBench.class.getName() + ".serviceMix";

    private int[] numbers;

    @Setup
    public void setUp() {
        numbers = HostSpeedProbe.numbers();
    }

    /** Operations and the thread's CPU time in each iteration (JMH sums them over the iteration). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuClock {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long ops;
        public long cpuNanos;
        private long start;

        @Setup(Level.Iteration)
        public void start() {
            ops = 0;
            cpuNanos = 0;
            start = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
        }
    }

    @Benchmark
    public int serviceMix(CpuClock clock) {
        clock.ops++;
        return HostSpeedProbe.mix(numbers);
    }

    @Benchmark
    public int baselineCopy() {
        return numbers.clone().length;
    }
}
