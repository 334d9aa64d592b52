package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.UslFitResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 12: what a chart may draw, by the load model and by the fit's quality. */
class ChartAxesTest {
    private static final double NM = Double.NaN;

    private static MeasuredStep step(int n, double concurrency, double offeredRps, double rps) {
        return new MeasuredStep(
                n,
                concurrency,
                offeredRps,
                rps,
                0.01,
                0.02,
                0.03,
                0,
                NM,
                NM,
                NM,
                NM,
                NM,
                NM,
                NM,
                NM,
                NM,
                NM,
                NM,
                NM,
                NM,
                true,
                "");
    }

    @Test
    void anOpenModelIsChartedAgainstTheOfferedRateNotLittlesLawConcurrency() {
        // an arrival-rate run: every step has its offered rate, and concurrency X*W beside it
        List<MeasuredStep> open = List.of(step(1, 1.0, 100, 100), step(2, 2.1, 200, 199), step(3, 9.0, 300, 280));
        assertThat(LoadAxis.of(open)).isEqualTo(LoadAxis.OFFERED);
        assertThat(LoadAxis.of(open).carriesUslCurve()).isFalse();
        // a closed model has users and no offered rate
        List<MeasuredStep> closed = List.of(step(1, 4, NM, 100), step(2, 8, NM, 190));
        assertThat(LoadAxis.of(closed)).isEqualTo(LoadAxis.CONCURRENCY);
    }

    @Test
    void aFitBelowRSquaredPointEightIsNotDrawnAsACurve() {
        Sizing good = ReportFixtures.sizing(); // R^2 0.993
        assertThat(ChartData.of(good, "t").usl()).isPresent();
        UslFitResult poor = new UslFitResult(ReportFixtures.USL, 9, 0.33, 80, false, false, 1, 64);
        assertThat(ChartData.of(withUsl(good, poor), "t").usl()).isEmpty();
        // 0.8 itself is drawable: the rule is "never below 0.8"
        UslFitResult edge = new UslFitResult(ReportFixtures.USL, 9, 0.8, 20, false, false, 1, 64);
        assertThat(ChartData.of(withUsl(good, edge), "t").usl()).isPresent();
    }

    private static Sizing withUsl(Sizing s, UslFitResult fit) {
        return new Sizing(
                s.request(),
                s.testBed(),
                s.steps(),
                s.capacity(),
                Optional.of(fit),
                s.appDemand(),
                s.dbDemand(),
                s.ceilingUtilization(),
                s.scaleOut(),
                s.cpuTargetUtilization(),
                s.plans(),
                s.currentPlan(),
                s.decisions(),
                s.findings(),
                s.bottleneck(),
                s.sameArchitecturePlan());
    }
}
