package dev.headroom.bench;

import dev.headroom.load.pacing.ArrivalSchedule;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every request of a search claims its send time from one shared, synchronized schedule: with the
 * users contending on it (two threads, all claiming as fast as they can, far worse than 1000
 * req/s), a claim must still cost a small part of what Gatling spends on a request (tens of
 * microseconds). Baseline: one shared atomic increment, the least a shared schedule could do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class ArrivalScheduleBench {
    private ArrivalSchedule schedule;
    private final AtomicLong counter = new AtomicLong();

    @Setup
    public void setUp() {
        schedule = new ArrivalSchedule(System::nanoTime);
        schedule.changeRate(1_000);
    }

    @Benchmark
    public long baselineSharedIncrement() {
        return counter.getAndIncrement();
    }

    @Benchmark
    public Object claim() {
        return schedule.claim();
    }
}
