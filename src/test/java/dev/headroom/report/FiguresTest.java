package dev.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.Finding;
import dev.headroom.sizing.FindingCode;
import dev.headroom.sizing.Plan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FiguresTest {
    @Test
    void nanReadsAsNotMeasuredWhateverTheUnit() {
        double nan = Double.NaN;
        for (String s : List.of(
                Figures.number(nan),
                Figures.ms(nan),
                Figures.percent(nan),
                Figures.withUnit(nan, "req/s"),
                Figures.parameter(nan),
                Figures.value(nan),
                Figures.exact(nan),
                Figures.count(0))) assertThat(s).isEqualTo("not measured");
        assertThat(Figures.usd(nan)).isEqualTo("no price");
    }

    @Test
    void figuresKeepAboutThreeSignificantDigitsAndConvertUnitsAtTheEdge() {
        assertThat(Figures.number(1375.3)).isEqualTo("1,375");
        assertThat(Figures.number(48.25)).isEqualTo("48.3");
        assertThat(Figures.number(1.5)).isEqualTo("1.5");
        assertThat(Figures.number(0.00123)).isEqualTo("0.00123");
        assertThat(Figures.number(7)).isEqualTo("7");
        assertThat(Figures.ms(0.0583)).isEqualTo("58.3");
        assertThat(Figures.percent(0.6)).isEqualTo("60 %");
        assertThat(Figures.parameter(0.0004)).isEqualTo("0.0004");
        assertThat(Figures.value(Optional.empty())).isEqualTo("none");
    }

    @Test
    void aTotalWithAnUnpricedPartSaysItIsPartial() {
        assertThat(Figures.total(new Plan.Cost(100, 73, 50, 0))).isEqualTo("$223");
        assertThat(Figures.total(new Plan.Cost(100, 73, Double.NaN, 0))).isEqualTo("$173 (partial)");
        assertThat(Figures.total(new Plan.Cost(Double.NaN, 73, 50, 0))).isEqualTo("no price");
    }

    @Test
    void errorsFirstThenWarningsThenInfoKeepingTheSizersOrderWithin() {
        List<Finding> sorted = Summary.errorsFirst(ReportFixtures.findings());
        assertThat(sorted)
                .extracting(Finding::code)
                .containsExactly(
                        FindingCode.PLAN_CAPACITY_SHORT,
                        FindingCode.INJECTOR_SATURATED,
                        FindingCode.INPUT_NOT_MEASURED,
                        FindingCode.EXTRAPOLATION_BEYOND_MEASURED);
    }
}
