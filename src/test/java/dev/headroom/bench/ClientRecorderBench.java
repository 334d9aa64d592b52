package dev.headroom.bench;

import dev.headroom.metrics.ClientRecorder;
import dev.headroom.metrics.Outcome;
import dev.headroom.metrics.StepWindows;
import dev.headroom.scenario.Endpoint;
import dev.headroom.scenario.OpenLoad;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * The recorder is on the injector's hot path, twice per request: its cost must stay a small part
 * of what Gatling spends on a request (tens of microseconds), or Headroom would slow its own
 * injector. Baseline: the two counter increments that any recording needs at the least.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class ClientRecorderBench {
    private static final List<String> NAMES =
            Arrays.stream(Endpoint.values()).map(Endpoint::key).toList();

    private ClientRecorder recorder;
    private final LongAdder sent = new LongAdder();
    private final LongAdder done = new LongAdder();

    @Setup
    public void setUp() {
        // ten steps of an hour, so every call lands in a steady window, as during a real step
        StepWindows windows = new StepWindows(new OpenLoad(1, 0, 100, 100, 10, 3600, 0).plan());
        recorder = new ClientRecorder(windows, NAMES);
        recorder.begin(Endpoint.MENU.ordinal(), System.nanoTime());
    }

    @Benchmark
    public void baselineTwoCounters() {
        sent.increment();
        done.increment();
    }

    @Benchmark
    public void beginAndEndOneRequest() {
        long start = System.nanoTime();
        int step = recorder.begin(Endpoint.MENU.ordinal(), start);
        recorder.end(Endpoint.MENU.ordinal(), step, start, start + 3_000_000, 3 + (start & 63), Outcome.OK);
    }
}
