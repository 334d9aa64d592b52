package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceDemandTest {
    /** Steps that obey the utilization law exactly, U = U0 + X·D, give back U0 and D. */
    @Test
    void recoversTheDemandOfStepsThatObeyTheUtilizationLaw() {
        double d = 0.00062, u0 = 0.05;
        List<MeasuredStep> steps = List.of(100.0, 200.0, 400.0, 600.0).stream()
                .map(x -> Steps.of(1, x / 100, x, 10, u0 + x * d, true))
                .toList();
        ServiceDemand demand = ServiceDemand.fit(steps, MeasuredStep::appCpuCores);
        assertThat(demand.cpuSecondsPerRequest()).isCloseTo(d, within(1e-12));
        assertThat(demand.backgroundCores()).isCloseTo(u0, within(1e-12));
        // and the inverse: the rate at a utilization uses exactly that CPU
        double x = demand.rpsAt(0.5, 0.8, 1.0);
        assertThat(demand.coresAt(x)).isCloseTo(0.4, within(1e-12));
        assertThat(demand.coresFor(x, 0.8, 1.0)).isCloseTo(0.5, within(1e-12));
    }

    /** A CPU twice as fast does the same work in half the cores. */
    @Test
    void aFasterCpuCarriesProportionallyMore() {
        ServiceDemand demand = new ServiceDemand(0.001, 0, 3, 1, "test");
        assertThat(demand.rpsAt(1, 0.5, 2.0)).isCloseTo(2 * demand.rpsAt(1, 0.5, 1.0), within(1e-9));
    }

    @Test
    void aNegativeInterceptFallsBackToTheOrigin() {
        List<MeasuredStep> steps = List.of(
                Steps.of(1, 1, 100, 10, 0.05, true),
                Steps.of(2, 2, 200, 10, 0.15, true),
                Steps.of(3, 3, 300, 10, 0.25, true));
        ServiceDemand demand = ServiceDemand.fit(steps, MeasuredStep::appCpuCores);
        assertThat(demand.backgroundCores()).isZero();
        assertThat(demand.method()).contains("origin");
    }

    @Test
    void noCpuFigureIsAnError() {
        assertThatThrownBy(() -> ServiceDemand.fit(List.of(Steps.closed(1, 1, 10)), MeasuredStep::appCpuCores))
                .hasMessageContaining("no step has both CPU and throughput");
    }
}
