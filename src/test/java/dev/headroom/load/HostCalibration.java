package dev.headroom.load;

import dev.headroom.bench.HostCalibrationBench;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A few seconds of {@link HostCalibrationBench} through JMH before the lab starts, recorded in
 * run.json as {@code environment.calibration}: the host's single-thread speed on this run, for a
 * comparison to tell a slower CI machine from a slower build. It runs in a JVM of its own (one JMH
 * fork), on an idle host (nothing of the lab is running yet), with the same warm-up and iterations
 * every time; JMH is on the simulation's classpath (test scope), never on the service's.
 */
final class HostCalibration {
    static final int WARMUP_ITERATIONS = 2;
    static final int MEASUREMENT_ITERATIONS = 3;
    static final int ITERATION_S = 1;

    private HostCalibration() {}

    /** Runs the benchmark; a failure is recorded, not thrown: the run can go on without it. */
    static Map<String, Object> measure() {
        long start = System.nanoTime();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", HostCalibrationBench.MIX);
        try {
            Collection<RunResult> results = new Runner(options()).run();
            RunResult result = results.iterator().next();
            Result<?> score = result.getPrimaryResult();
            double ops = result.getSecondaryResults().get("ops").getScore();
            double cpuNanos = result.getSecondaryResults().get("cpuNanos").getScore();
            out.put("status", "measured");
            out.put("ops_per_s", score.getScore());
            // per second of the thread's own CPU: moves with the CPU's speed only, not with how busy the host was
            out.put("ops_per_cpu_s", cpuNanos > 0 ? ops / cpuNanos * 1e9 : null);
            // JMH's 99.9 % confidence half-width over the measured iterations
            out.put("score_error_ops_per_s", Double.isFinite(score.getScoreError()) ? score.getScoreError() : null);
            out.put("warmup_iterations", WARMUP_ITERATIONS);
            out.put("iterations", MEASUREMENT_ITERATIONS);
            out.put("iteration_s", ITERATION_S);
            out.put("forks", 1);
        } catch (RunnerException | RuntimeException e) {
            out.put("status", "failed");
            out.put("message", String.valueOf(e.getMessage()));
        }
        out.put("duration_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return out;
    }

    private static Options options() {
        return new OptionsBuilder()
                .include("^" + java.util.regex.Pattern.quote(HostCalibrationBench.MIX) + "$")
                .forks(1)
                .warmupIterations(WARMUP_ITERATIONS)
                .warmupTime(TimeValue.seconds(ITERATION_S))
                .measurementIterations(MEASUREMENT_ITERATIONS)
                .measurementTime(TimeValue.seconds(ITERATION_S))
                .threads(1)
                // a small fixed heap: the mix allocates little, and the host's memory is the lab's
                .jvmArgs("-Xms128m", "-Xmx128m", "-XX:+UseSerialGC")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
    }
}
