package dev.headroom.bench;

import dev.headroom.sizing.Cisco;
import dev.headroom.sizing.Usl;
import dev.headroom.sizing.UslFit;
import dev.headroom.sizing.UslPoint;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sizer fits the USL once per run, and again for every what-if it is asked: a fit should cost
 * milliseconds at most. Inputs: the 32-point Cisco benchmark, whose free fit is within the bounds
 * (one Levenberg-Marquardt run), and 8 steps whose free fit has κ &lt; 0 (the free run plus three
 * on the bounds). Baseline: X(N) of the fitted model at every point, one pass of the residuals the
 * optimizer evaluates many times over.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class UslFitBench {
    @Param({"cisco", "kappaHeldAtZero"})
    public String data;

    private List<UslPoint> points;
    private double[] concurrency;
    private Usl model;

    @Setup
    public void setUp() {
        points = switch (data) {
            case "cisco" -> Cisco.points();
                // per-worker throughput falls from 100 to 80, then holds (UslFitTest's κ < 0 case)
            case "kappaHeldAtZero" -> IntStream.rangeClosed(1, 8)
                    .mapToObj(n -> UslPoint.atConcurrency(n).throughput(n * (80 + 20 * Math.exp(-(n - 1) / 1.5))))
                    .toList();
            default -> throw new IllegalArgumentException(data);
        };
        concurrency = points.stream().mapToDouble(UslPoint::concurrency).toArray();
        model = UslFit.fit(points).model();
    }

    @Benchmark
    public double baselineThroughputAtEveryPoint() {
        double sum = 0;
        for (double n : concurrency) sum += model.throughputAtConcurrency(n);
        return sum;
    }

    @Benchmark
    public double fit() {
        return UslFit.fit(points).model().kappa();
    }
}
