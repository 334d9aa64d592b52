package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RdsMaxConnectionsTest {

    /** capacity-facts.md: {DBInstanceClassMemory/12582880} with the nominal memory, as published. */
    @ParameterizedTest
    @CsvSource({"1, 85", "2, 170", "4, 341", "8, 682", "16, 1365"})
    void theUpperBoundIsTheFormulaOnNominalMemory(double memoryGib, int published) {
        assertThat(RdsMaxConnections.upperBound(memoryGib)).isEqualTo(published);
    }

    /** capacity-facts.md: historically observed t2.micro 66, t2.small 150, t2.medium 312, t2.large 648. */
    @ParameterizedTest
    @CsvSource({"1, 66, db.t2.micro", "2, 150, db.t2.small", "4, 312, db.t2.medium", "8, 648, db.t2.large"})
    void theEstimateIsTheObservedValueWhereThereIsOne(double memoryGib, int observed, String dbClass) {
        MaxConnections estimate = RdsMaxConnections.estimate(memoryGib);

        assertThat(estimate.value()).isEqualTo(observed);
        assertThat(estimate.upperBound()).isEqualTo(RdsMaxConnections.upperBound(memoryGib));
        assertThat(estimate.basis()).contains("as observed on " + dbClass);
    }

    @Test
    void elsewhereItScalesTheLargestObservationBelowInProportionToMemory() {
        MaxConnections at16Gib = RdsMaxConnections.estimate(16);

        assertThat(at16Gib.value()).isEqualTo(2 * 648);
        assertThat(at16Gib.upperBound()).isEqualTo(1365);
        assertThat(at16Gib.basis()).contains("scaled in proportion to memory from 648 observed on db.t2.large (8 GiB)");
        assertThat(RdsMaxConnections.estimate(3).value()).isEqualTo(150 * 3 / 2);
    }

    @Test
    void theEstimateNeverExceedsTheUpperBoundAndNeverFallsAsMemoryGrows() {
        int previous = 0;
        for (double memoryGib = 1; memoryGib <= 768; memoryGib += 0.25) {
            MaxConnections estimate = RdsMaxConnections.estimate(memoryGib);
            assertThat(estimate.value()).as("at %s GiB", memoryGib).isLessThanOrEqualTo(estimate.upperBound());
            assertThat(estimate.value()).as("at %s GiB", memoryGib).isGreaterThanOrEqualTo(previous);
            previous = estimate.value();
        }
    }

    @Test
    void belowTheSmallestObservationThereIsNoEstimate() {
        assertThatThrownBy(() -> RdsMaxConnections.estimate(0.5))
                .hasMessageContaining("no estimate of max_connections below 1 GiB");
    }

    @Test
    void aDbClassIsEstimatedFromItsMemoryAndNamedInTheBasis() {
        DbClass small = DbClass.of(new InstanceType("t3.small", "t3", Arch.X86_64, 2, 2, 1901, 0.2, 11, 14062));

        MaxConnections estimate = RdsMaxConnections.estimate(small);

        assertThat(estimate.value()).isEqualTo(150);
        assertThat(estimate.basis()).contains("db.t3.small (2 GiB)");
    }

    /** The seed workload hit "Too many connections" at 153 against self-managed MySQL's 151. */
    @Test
    void aConfiguredValueWinsAndSelfManagedMysqlDefaultsTo151() {
        DbClass small = DbClass.of(new InstanceType("t3.small", "t3", Arch.X86_64, 2, 2, 1901, 0.2, 11, 14062));

        MaxConnections configured = RdsMaxConnections.configured(small, 400);

        assertThat(configured.value()).isEqualTo(400);
        assertThat(configured.upperBound()).isEqualTo(170);
        assertThat(configured.basis()).contains("DB parameter group of db.t3.small");
        assertThat(RdsMaxConnections.SELF_MANAGED_MYSQL_DEFAULT).isEqualTo(151);
    }
}
