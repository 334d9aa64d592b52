package dev.headroom.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The confidence is Student's t: checked against the two-sided 95 % critical values of the
 * published t table (4.303 for 2 degrees of freedom, 2.776 for 4, 2.262 for 9).
 */
class SignificanceTest {
    @Test
    void aChangeAtTheCriticalValueOfTheTTableIsNinetyFivePercentSure() {
        double cv = 0.05;
        // t = d / (√2 cv)  =>  d = t √2 cv
        assertThat(Significance.confidence(4.303 * Math.sqrt(2) * cv, cv, 3)).isCloseTo(0.95, within(0.001));
        assertThat(Significance.confidence(2.776 * Math.sqrt(2) * cv, cv, 5)).isCloseTo(0.95, within(0.001));
        assertThat(Significance.confidence(2.262 * Math.sqrt(2) * cv, cv, 10)).isCloseTo(0.95, within(0.001));
    }

    @Test
    void moreRunsOfNoiseMakeTheSameChangeSurer() {
        double change = 0.15;
        double cv = 0.05;
        assertThat(Significance.confidence(change, cv, 3)).isLessThan(Significance.confidence(change, cv, 10));
    }

    @Test
    void theSignOfTheChangeDoesNotMatterAndNoChangeIsNotSureAtAll() {
        assertThat(Significance.confidence(-0.2, 0.05, 5)).isEqualTo(Significance.confidence(0.2, 0.05, 5));
        assertThat(Significance.confidence(0, 0.05, 5)).isCloseTo(0, within(1e-12));
    }

    @Test
    void aZeroNoiseIsFlooredSoThatATinyChangeIsNotCertain() {
        assertThat(Significance.confidence(0.001, 0, 5)).isLessThan(0.5);
        assertThat(Significance.t(0.01, 0)).isCloseTo(0.01 / (Math.sqrt(2) * Significance.MIN_CV), within(1e-12));
    }

    @Test
    void eightJudgementsAtTheSidakLevelMakeOneVerdictAtTheFamilyLevel() {
        double each = Significance.perJudgement(0.95, 8);
        assertThat(Math.pow(each, 8)).isCloseTo(0.95, within(1e-12));
        assertThat(each).isCloseTo(0.99361, within(0.00001));
        assertThat(Significance.perJudgement(0.95, 1)).isEqualTo(0.95);
    }

    @Test
    void withoutEnoughRunsOrANoiseNothingCanBeSaid() {
        assertThat(Significance.confidence(0.5, 0.05, 1)).isNaN();
        assertThat(Significance.confidence(0.5, Double.NaN, 5)).isNaN();
    }
}
