package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against the table in the Amazon ECS docs, "Troubleshoot Amazon ECS task definition invalid CPU or memory errors". */
class FargateTaskSizesTest {

    @Test
    void eachCpuHasThePublishedMemoryRange() {
        Map<Integer, String> ranges = FargateTaskSizes.all().stream()
                .collect(Collectors.groupingBy(
                        FargateTaskSize::cpuUnits,
                        TreeMap::new,
                        Collectors.collectingAndThen(
                                Collectors.toList(),
                                sizes -> sizes.get(0).memoryMib() + ".."
                                        + sizes.get(sizes.size() - 1).memoryMib() + " x" + sizes.size())));

        assertThat(ranges)
                .containsExactly(
                        Map.entry(256, "512..2048 x3"),
                        Map.entry(512, "1024..4096 x4"),
                        Map.entry(1024, "2048..8192 x7"),
                        Map.entry(2048, "4096..16384 x13"),
                        Map.entry(4096, "8192..30720 x23"),
                        Map.entry(8192, "16384..61440 x12"),
                        Map.entry(16384, "32768..122880 x12"));
    }

    @ParameterizedTest
    @CsvSource({
        "256, 512, true",
        "256, 3072, false",
        "512, 3072, true",
        "4096, 30720, true",
        "4096, 31744, false",
        "8192, 20480, true",
        "8192, 18432, false",
        "16384, 40960, true",
        "16384, 36864, false"
    })
    void onlyPublishedCombinationsAreValid(int cpuUnits, int memoryMib, boolean valid) {
        assertThat(FargateTaskSizes.isValid(new FargateTaskSize(cpuUnits, memoryMib)))
                .isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({
        "0.25, 512, 256, 512",
        "0.25, 3072, 512, 3072",
        "0.5, 5120, 1024, 5120",
        "1, 1, 1024, 2048",
        "1.5, 2048, 2048, 4096",
        "4, 31744, 8192, 32768",
        "8, 61440, 8192, 61440",
        "9, 1024, 16384, 32768"
    })
    void theSmallestFittingSizeHasTheLeastCpuThenTheLeastMemory(
            double vcpus, int memoryMib, int cpuUnits, int expectedMemoryMib) {
        assertThat(FargateTaskSizes.smallestFitting(vcpus, memoryMib))
                .contains(new FargateTaskSize(cpuUnits, expectedMemoryMib));
    }

    @Test
    void nothingFitsAbove16VcpuOr120Gb() {
        assertThat(FargateTaskSizes.smallestFitting(17, 1024)).isEmpty();
        assertThat(FargateTaskSizes.smallestFitting(1, 123_904)).isEmpty();
    }

    @Test
    void ratesPriceATaskByItsVcpusAndGb() {
        FargateRates rates = new FargateRates(0.04, 0.005, "test rates");

        assertThat(rates.taskUsdPerHour(new FargateTaskSize(512, 1024))).isEqualTo(0.5 * 0.04 + 1 * 0.005);
    }
}
