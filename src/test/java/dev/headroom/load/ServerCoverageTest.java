package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.lab.Lab;
import dev.headroom.metrics.StepsCsv;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServerCoverageTest {
    private static final Lab.Target WITH_METRICS = new Lab.Target(
            URI.create("http://127.0.0.1:8080"),
            Optional.of(URI.create("http://127.0.0.1:8081/actuator/prometheus")),
            OptionalLong.of(42),
            OptionalLong.of(8080),
            false);

    @Test
    void emptyThrottlingColumnsSayWhetherThereWasAQuotaToCount() {
        List<String> missing = List.of(StepsCsv.CPU_THROTTLED_SHARE, StepsCsv.CPU_THROTTLED_MS_PER_S);
        List<String> noCgroup = ServerCoverage.why(missing, WITH_METRICS, List.of(), false);
        assertThat(noCgroup)
                .singleElement()
                .asString()
                .startsWith("cpu_throttled_share, cpu_throttled_ms_per_s: ")
                .contains("CPU affinity");
        List<String> noQuota = ServerCoverage.why(missing, WITH_METRICS, List.of(), true);
        assertThat(noQuota).singleElement().asString().contains("nr_periods 0");
    }

    @Test
    void throttlingIsNotBlamedOnTheMetricsEndpointNorTheEndpointOnThrottling() {
        List<String> why = ServerCoverage.why(
                List.of(StepsCsv.POOL_ACTIVE_AVG, StepsCsv.CPU_THROTTLED_SHARE), WITH_METRICS, List.of(), false);
        assertThat(why).hasSize(2);
        assertThat(why.get(0)).startsWith("cpu_throttled_share");
        assertThat(why.get(1)).contains("does not expose them");
        // the endpoint's reason only when an endpoint column is missing
        assertThat(ServerCoverage.why(List.of(StepsCsv.CPU_THROTTLED_SHARE), WITH_METRICS, List.of(), false))
                .noneMatch(w -> w.contains("does not expose"));
    }
}
