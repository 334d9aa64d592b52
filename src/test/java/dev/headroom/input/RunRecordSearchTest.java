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
    void aSearchThatStoppedOnAnErrorIsSizedFromItsTrialsAlone() throws Exception {
        Files.writeString(dir.resolve("run.json"), "{\"search\": {\"status\": \"error\", \"message\": \"x\"}}");
        assertThat(RunRecord.in(dir).searchEnd()).isEmpty();
    }
}
