package dev.headroom.sizing;

import static dev.headroom.sizing.InstanceFixtures.M5_LARGE;
import static dev.headroom.sizing.InstanceFixtures.M6I_LARGE;
import static dev.headroom.sizing.InstanceFixtures.T3_MEDIUM;
import static dev.headroom.sizing.InstanceFixtures.T4G_MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstanceCatalogTest {
    private final InstanceCatalog catalog = InstanceFixtures.catalog();

    @Test
    void findsATypeByItsEc2Name() {
        assertThat(catalog.byName("m5.large")).isEqualTo(M5_LARGE);
        assertThat(catalog.find("m5.huge")).isEmpty();
    }

    @Test
    void anUnknownTypeIsAnErrorNamingTheNearestKnownOnes() {
        assertThatThrownBy(() -> catalog.byName("t3.mediun"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown instance type 't3.mediun' (did you mean t3.medium")
                .hasMessageContaining("families m5, m6i, m7g, t3, t4g");
    }

    @Test
    void aSizeTheCatalogLacksIsAnsweredWithTheSizesItHas() {
        assertThatThrownBy(() -> catalog.byName("m6i.metal"))
                .hasMessageContaining("(did you mean m6i.large, m6i.xlarge?)");
        assertThatThrownBy(() -> catalog.byName("m6i.8xlarge")).hasMessageContaining("(did you mean m6i.xlarge");
    }

    @Test
    void filtersByFamilyAndByArchitecture() {
        assertThat(catalog.withFamilies(Set.of("t3", "t4g")).names())
                .containsExactly("t3.micro", "t3.medium", "t4g.medium");
        assertThat(catalog.withArchitectures(Set.of(Arch.ARM64)).names()).containsExactly("t4g.medium", "m7g.2xlarge");
        assertThat(catalog.withFamilies(Set.of("m6i"))
                        .withArchitectures(Set.of(Arch.X86_64))
                        .all())
                .hasSize(2)
                .allMatch(t -> t.family().equals("m6i"));
        assertThat(catalog.withFamilies(Set.of()).all()).hasSize(catalog.all().size());
    }

    @Test
    void aFilterOnAnUnknownFamilyOrThatLeavesNothingIsAnError() {
        assertThatThrownBy(() -> catalog.withFamilies(Set.of("m6l")))
                .hasMessageStartingWith("unknown instance family 'm6l' (did you mean m6i");
        InstanceCatalog x86Only = new InstanceCatalog(List.of(M5_LARGE, M6I_LARGE));
        assertThatThrownBy(() -> x86Only.withArchitectures(Set.of(Arch.ARM64)))
                .hasMessageContaining("no instance type in the catalog has architectures [arm64]");
    }

    @Test
    void aTypeListedTwiceIsRefused() {
        assertThatThrownBy(() -> new InstanceCatalog(List.of(M5_LARGE, M5_LARGE)))
                .hasMessageContaining("m5.large is listed twice");
    }

    @Test
    void burstableTypesCarryTheirBaselineAndSurplusRate() {
        assertThat(T3_MEDIUM.burstable()).isTrue();
        assertThat(T3_MEDIUM.baselineVcpus()).isCloseTo(0.4, within(1e-12));
        assertThat(T3_MEDIUM.surplusCreditUsdPerVcpuHour()).hasValue(0.05);
        assertThat(T4G_MEDIUM.surplusCreditUsdPerVcpuHour()).hasValue(0.04);
        assertThat(M5_LARGE.burstable()).isFalse();
        assertThat(M5_LARGE.surplusCreditUsdPerVcpuHour()).isEmpty();
        // reference README: t3.medium about 14.6k CoreMark per vCPU, t4g.medium about 19.6k
        assertThat(T3_MEDIUM.coremarkPerVcpu()).isCloseTo(14_600, within(50.0));
        assertThat(T4G_MEDIUM.coremarkPerVcpu()).isCloseTo(19_600, within(50.0));
    }

    @Test
    void aTypeThatContradictsItselfIsRefused() {
        assertThatThrownBy(() -> new InstanceType("m5.large", "m5", Arch.X86_64, 2, 8, 7811, 0.5, 29, 14000))
                .hasMessageContaining("a fixed-performance type has baselineCpuFraction 1");
        assertThatThrownBy(() -> new InstanceType("m5.large", "m6i", Arch.X86_64, 2, 8, 7811, 1, 29, 14000))
                .hasMessageContaining("name must be <family>.<size>");
        assertThatThrownBy(() -> new InstanceType("m5.large", "m5", Arch.X86_64, 2, 8, 9000, 1, 29, 14000))
                .hasMessageContaining("measuredMemoryMib must be from 1 to the nominal 8192.0 MiB");
    }
}
