package dev.headroom.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.SearchEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordSearchTest {
    @TempDir
    Path dir;

    @Test
    void aSearchRunsStatusIsRead() throws Exception {
        Files.writeString(dir.resolve("run.json"), "{\"run_id\": \"r\", \"search\": {\"status\": \"host_bound\"}}");
        assertThat(RunRecord.in(dir).searchEnd()).contains(SearchEnd.HOST_BOUND);
    }

    @Test
    void aStaircaseHasNoSearch() throws Exception {
        Files.writeString(dir.resolve("run.json"), "{\"run_id\": \"r\"}");
        assertThat(RunRecord.in(dir).searchEnd()).isEmpty();
        assertThat(RunRecord.in(dir.resolve("nowhere")).searchEnd()).isEmpty();
    }

    @Test
    void anUnknownStatusIsRefusedWithTheFileAndTheField() throws Exception {
        Files.writeString(dir.resolve("run.json"), "{\"search\": {\"status\": \"searching\"}}");
        assertThatThrownBy(() -> RunRecord.in(dir))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("run.json: search.status: 'searching' is not one of [found, ceiling_reached,"
                        + " host_bound, failed_at_floor, budget_exhausted]");
    }

    @Test
    void theWarmUpsEndAndItsLastTwoWindowsAtOneRateAreRead() throws Exception {
        // windows: 400 req/s on 0.56 cores (1.4 ms), a pause after a fall behind (no offered_rps,
        // skipped), 800 on 0.60 (0.75 ms), 800 on 0.52 (0.65 ms): (0.65 - 0.75) / 0.75 = -13.3 %
        Files.writeString(
                dir.resolve("run.json"),
                """
                {"warmup": {"ended_by": "never_settled", "settled": false, "duration_s": 135, "fell_behind": 1,
                  "windows": [
                    {"offered_rps": 400, "throughput_rps": 400, "app_cpu_cores": 0.56},
                    {"paused_s": 2, "app_cpu_cores_at_resume": 0.05},
                    {"offered_rps": 800, "throughput_rps": 800, "app_cpu_cores": 0.60},
                    {"offered_rps": 800, "throughput_rps": 800, "app_cpu_cores": 0.52}]}}
                """);
        var w = RunRecord.in(dir).warmup().orElseThrow();
        assertThat(w.endedBy()).isEqualTo("never_settled");
        assertThat(w.settled()).isFalse();
        assertThat(w.durationS()).isEqualTo(135);
        assertThat(w.fellBehind()).isEqualTo(1);
        assertThat(w.lastCpuPerRequestMs()).isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w.cpuPerRequestChange()).isCloseTo(-0.1333, org.assertj.core.data.Offset.offset(1e-4));
        // a staircase has no warm-up record
        Files.writeString(dir.resolve("run.json"), "{\"run_id\": \"r\"}");
        assertThat(RunRecord.in(dir).warmup()).isEmpty();
    }

    @Test
    void aSearchThatStoppedOnAnErrorIsSizedFromItsTrialsAlone() throws Exception {
        Files.writeString(dir.resolve("run.json"), "{\"search\": {\"status\": \"error\", \"message\": \"x\"}}");
        assertThat(RunRecord.in(dir).searchEnd()).isEmpty();
    }

    @Test
    void theStartUpOnTheBudgetIsReadBeforeTheStartMeasured() throws Exception {
        // started on 1.4 cores in 11 s; the lab wrote 26 s for its 0.5-core budget: the sizer reads 26
        Files.writeString(
                dir.resolve("run.json"),
                """
                {"lab": {"cpu_budget": {"applied_cpus": 0.5}, "service": {"startup_at_budget_ms": 26000,
                  "launch": {"startup_ms": 11000, "start_cores": 1.4, "startup_cpu_ms": 13000}}}}
                """);
        assertThat(RunRecord.in(dir).testBed().serviceStartSeconds()).isEqualTo(26.0);
        // a run from before the boost: its start was on the budget
        Files.writeString(dir.resolve("run.json"), "{\"lab\": {\"service\": {\"launch\": {\"startup_ms\": 24500}}}}");
        assertThat(RunRecord.in(dir).testBed().serviceStartSeconds()).isEqualTo(24.5);
    }
}
