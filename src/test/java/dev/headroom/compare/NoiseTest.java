package dev.headroom.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.history.RunFixture;
import dev.headroom.history.RunFixture.Step;
import dev.headroom.history.RunSummary;
import dev.headroom.input.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseTest {
    @TempDir
    Path results;

    /** CPU per request 4, 5 and 6 ms at the reference step: mean 5, sample sd 1, cv 0.2. */
    private List<RunSummary> threeRuns() {
        return List.of(
                RunSummary.read(RunFixture.run("r1")
                        .costs(4, 2, 20)
                        .calibration(30_000, 29_000)
                        .writeIn(results)),
                RunSummary.read(RunFixture.run("r2")
                        .costs(5, 2, 22)
                        .calibration(31_000, 29_000)
                        .writeIn(results)),
                RunSummary.read(RunFixture.run("r3")
                        .costs(6, 2, 24)
                        .calibration(29_000, 29_000)
                        .writeIn(results)));
    }

    @Test
    void theNoiseOfAFigureIsItsSampleStandardDeviationOverItsMean() {
        Noise n = Noise.measure(threeRuns(), "test");
        Noise.FigureNoise cpu = n.of(Figure.CPU_PER_REQUEST.key()).orElseThrow();
        assertThat(cpu.mean()).isCloseTo(5, within(1e-9));
        assertThat(cpu.sd()).isCloseTo(1, within(1e-9));
        assertThat(cpu.cv()).isCloseTo(0.2, within(1e-9));
        assertThat(cpu.runs()).isEqualTo(3);
        assertThat(n.of(Figure.CALIBRATION).orElseThrow().cv()).isCloseTo(1000.0 / 30_000, within(1e-9));
        // every run held the connection 2 ms: no spread at all
        assertThat(n.of(Figure.CONNECTION_HOLD.key()).orElseThrow().cv()).isZero();
    }

    @Test
    void perStepNoiseIsTheRootMeanSquareOfTheStepsCoefficients() {
        Path a = RunFixture.run("a")
                .steps(Step.of(60, 10, 5, 2), Step.of(90, 20, 5, 2))
                .writeIn(results);
        Path b = RunFixture.run("b")
                .steps(Step.of(60, 12, 5, 2), Step.of(90, 20, 5, 2))
                .writeIn(results);
        Noise n = Noise.measure(List.of(RunSummary.read(a), RunSummary.read(b)), "test");
        // step 1: 10 and 12 -> mean 11, sd √2, cv √2/11; step 2: cv 0; pooled: sqrt((cv1² + 0) / 2)
        double cv1 = Math.sqrt(2) / 11;
        assertThat(n.of(Figure.STEP_P95).orElseThrow().cv()).isCloseTo(Math.sqrt(cv1 * cv1 / 2), within(1e-9));
    }

    @Test
    void aNoiseFileReadsBackAsItWasWritten() {
        Noise n = Noise.measure(threeRuns(), "test");
        Path file = results.resolve("noise").resolve("nightly.json");
        n.write(file);
        Noise back = Noise.read(file);
        assertThat(back.figures()).isEqualTo(n.figures());
        assertThat(back.runs()).containsExactly("r1", "r2", "r3");
        assertThat(back.source()).isEqualTo(file.toString());
    }

    @Test
    void theScenariosNoiseFileIsFoundBesideItAndFlaggedWhenTheScenarioChangedSince() {
        Noise n = Noise.measure(threeRuns(), "test");
        RunSummary candidate = RunSummary.read(RunFixture.run("c").writeIn(results));
        Path file = NoiseSources.besideScenario(candidate).orElseThrow();
        assertThat(file).isEqualTo(results.resolve("scenarios").resolve("noise").resolve("nightly.json"));
        n.write(file);
        assertThat(NoiseSources.find(java.util.Optional.empty(), candidate, List.of())
                        .source())
                .isEqualTo(file.toString());

        RunSummary edited = RunSummary.read(
                RunFixture.run("e").scenario("nightly", "f".repeat(64)).writeIn(results));
        assertThat(NoiseSources.find(java.util.Optional.empty(), edited, List.of())
                        .source())
                .contains("measured on another version of the scenario file");
    }

    @Test
    void aNoiseFileWithAFigureOfOneRunIsRefused() throws Exception {
        Path file = results.resolve("bad.json");
        Files.writeString(file, "{\"figures\": {\"p95_ms\": {\"cv\": 0.1, \"runs\": 1}}}");
        assertThatThrownBy(() -> Noise.read(file))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("figures.p95_ms")
                .hasMessageContaining("runs >= 2");
    }
}
