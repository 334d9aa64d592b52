package dev.headroom.bench;

import dev.headroom.metrics.PrometheusText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sampler parses one scrape of the reference service per second on the injector's host.
 * Input: a real {@code /actuator/prometheus} body of the service, saved in test resources.
 * Baseline: splitting the same text into lines, which any parser must do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PrometheusTextBench {
    private String scrape;

    @Setup
    public void setUp() {
        try (InputStream in = PrometheusTextBench.class.getResourceAsStream("/prometheus/reference-service.txt")) {
            scrape = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public int baselineSplitLines() {
        return scrape.split("\n").length;
    }

    @Benchmark
    public double parseAndSum() {
        return PrometheusText.parse(scrape).sum("hikaricp_connections_active");
    }
}
