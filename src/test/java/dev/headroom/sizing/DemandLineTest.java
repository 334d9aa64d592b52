package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemandLineTest {

    private static List<MeasuredStep> steps(double... cores) {
        double[] rps = {100, 200, 300, 400};
        return java.util.stream.IntStream.range(0, cores.length)
                .mapToObj(i -> Steps.of(i + 1, rps[i] / 100, rps[i], 10, cores[i], true))
                .toList();
    }

    /**
     * Hand-worked: X = 100, 200, 300, 400 req/s, U = 0.107, 0.199, 0.301, 0.393 cores.
     * x̄ = 250, ū = 0.25, Sxx = 150² + 50² + 50² + 150² = 50 000,
     * Sxy = 150·0.143 + 50·0.051 + 50·0.051 + 150·0.143 = 48.0 -> D = 48 / 50 000 = 0.96 ms,
     * U0 = 0.25 − 250·0.00096 = 0.010 cores. Residuals +1, −3, +3, −1 milli-cores: SSE = 20e-6,
     * s = √(20e-6 / 2) = 0.0031623; se(D) = s / √50 000 = 1.4142e-5; t(0.975, 2) = 4.3027
     * -> D ± 0.060849 ms (6.3 %); se(U0) = s·√(1/4 + 250²/50 000) = s·√1.5 = 0.0038730 -> ± 0.016665.
     */
    @Test
    void slopeAndInterceptWithTheirIntervalsMatchTheHandCalculation() {
        DemandLine line = DemandLine.fit(steps(0.107, 0.199, 0.301, 0.393), MeasuredStep::appCpuCores)
                .orElseThrow();
        assertThat(line.cpuSecondsPerRequest() * 1000).isCloseTo(0.96, within(1e-9));
        assertThat(line.backgroundCores()).isCloseTo(0.010, within(1e-9));
        assertThat(line.cpuSecondsPerRequestHalfWidth() * 1000).isCloseTo(0.060849, within(1e-5));
        assertThat(line.backgroundCoresHalfWidth()).isCloseTo(0.016665, within(1e-5));
        assertThat(line.points()).isEqualTo(4);
        assertThat(line.trustworthy()).isTrue();
    }

    /**
     * The same X with residuals four times larger (U = 0.11, 0.19, 0.31, 0.39): same D and U0,
     * SSE = 320e-6, s = 0.012649, se(D) = 5.6569e-5, half width 4.3027·5.6569e-5 = 0.2434 ms,
     * 25.4 % of D: wider than ±20 %, so the sizer keeps the ratio.
     */
    @Test
    void aLooseLineIsNotTrusted() {
        DemandLine line = DemandLine.fit(steps(0.11, 0.19, 0.31, 0.39), MeasuredStep::appCpuCores)
                .orElseThrow();
        assertThat(line.cpuSecondsPerRequest() * 1000).isCloseTo(0.96, within(1e-9));
        assertThat(line.cpuSecondsPerRequestHalfWidth() * 1000).isCloseTo(0.2434, within(1e-4));
        assertThat(line.trustworthy()).isFalse();
    }

    @Test
    void fewerThanThreeStepsOrOneRateGiveNoLine() {
        assertThat(DemandLine.fit(steps(0.1, 0.2), MeasuredStep::appCpuCores)).isEmpty();
        List<MeasuredStep> oneRate = List.of(
                Steps.of(1, 1, 100, 10, 0.1, true),
                Steps.of(2, 1, 100, 10, 0.11, true),
                Steps.of(3, 1, 100, 10, 0.09, true));
        assertThat(DemandLine.fit(oneRate, MeasuredStep::appCpuCores)).isEmpty();
    }

    /**
     * The sizer uses the line's D and U0 when it is trustworthy, and the utilization law at the
     * operating point stays as the cross-check: for steps on U = U0 + X·D exactly, the identity
     * U/X = D + U0/X holds at the operating step (400 req/s: 0.96 + 10/400 = 0.985 ms with the
     * hand-worked line), and the line's prediction there equals the measured cores.
     */
    @Test
    void theSizerUsesTheLineAndKeepsTheRatioAsACrossCheck() {
        double d = 0.00096, u0 = 0.010;
        List<MeasuredStep> exact = steps(u0 + 100 * d, u0 + 200 * d, u0 + 300 * d, u0 + 400 * d);
        MeasuredStep op = exact.get(3);
        Capacity capacity = new Capacity(Optional.of(op), Optional.empty(), 400, 4, false);
        SizingLog log = new SizingLog();
        ServiceDemand demand = Demands.decide("service_demand", exact, exact, capacity, MeasuredStep::appCpuCores, log)
                .orElseThrow();
        assertThat(demand.cpuSecondsPerRequest()).isCloseTo(d, within(1e-12));
        assertThat(demand.backgroundCores()).isCloseTo(u0, within(1e-12));
        assertThat(demand.method()).contains("U = U0 + X*D");
        ServiceDemand ratio = ServiceDemand.atOperatingPoint(op, MeasuredStep::appCpuCores);
        assertThat(ratio.cpuSecondsPerRequest() * 1000).isCloseTo(0.96 + 10.0 / 400, within(1e-9));
        assertThat(demand.coresAt(400)).isCloseTo(op.appCpuCores(), within(1e-12));
        Decision decision = log.decisions().get(0);
        assertThat(decision.inputs()).containsKey("cross_check_utilization_law_at_operating_steps");
        assertThat((double) decision.result().get("cpu_ms_per_request_half_width_95"))
                .isCloseTo(0, within(1e-6));
    }

    @Test
    void withALooseLineTheSizerKeepsTheRatio() {
        List<MeasuredStep> loose = steps(0.11, 0.19, 0.31, 0.39);
        MeasuredStep op = loose.get(3);
        Capacity capacity = new Capacity(Optional.of(op), Optional.empty(), 400, 4, false);
        ServiceDemand demand = Demands.decide(
                        "service_demand", loose, loose, capacity, MeasuredStep::appCpuCores, new SizingLog())
                .orElseThrow();
        // U/X at 400 req/s: 0.39 / 400 = 0.975 ms, no background term
        assertThat(demand.cpuSecondsPerRequest() * 1000).isCloseTo(0.975, within(1e-9));
        assertThat(demand.backgroundCores()).isZero();
    }

    /**
     * The intervals mean what they say: for CPU that follows U = U0 + X·D plus normal noise (sd
     * 0.01 cores) at the rates a search visits, the 95 % intervals of D and of U0 must each cover
     * the true value in 95 % of 2000 seeded samples. With 2000 samples the count's sd is
     * √(2000·0.95·0.05) = 9.7, so [1862, 1938] is ±3.9 sd around 1900: a wrong t quantile (1.96 for
     * 8 degrees of freedom would cover about 91 %) or a wrong standard error falls outside.
     */
    @Test
    void theIntervalsCoverTheTrueDemandNinetyFivePercentOfTheTime() {
        double d = 0.0004, u0 = 0.05;
        double[] rps = {200, 400, 800, 1200, 1000, 900, 950, 925, 900, 900};
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        int coverD = 0, coverU0 = 0, samples = 2000;
        for (int k = 0; k < samples; k++) {
            List<MeasuredStep> trials = new java.util.ArrayList<>();
            for (int i = 0; i < rps.length; i++) {
                double noise = 0.01
                        * Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                        * Math.cos(2 * Math.PI * random.nextDouble());
                trials.add(Steps.of(i + 1, rps[i] / 100, rps[i], 10, Math.max(0, u0 + rps[i] * d + noise), true));
            }
            DemandLine line = DemandLine.fit(trials, MeasuredStep::appCpuCores).orElseThrow();
            if (Math.abs(line.cpuSecondsPerRequest() - d) <= line.cpuSecondsPerRequestHalfWidth()) coverD++;
            if (Math.abs(line.backgroundCores() - u0) <= line.backgroundCoresHalfWidth()) coverU0++;
        }
        assertThat(coverD).isBetween(1862, 1938);
        assertThat(coverU0).isBetween(1862, 1938);
    }
}
