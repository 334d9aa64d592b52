package dev.headroom.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.results.Json;
import dev.headroom.results.RunJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordJvmMemoryTest {
    @TempDir
    Path dir;

    @Test
    void theFloorTheRunWroteIsTheTestBedsAsTheWriterNamedIt() throws Exception {
        // written as load.LoadRun writes it: the record, through the same mapper
        Files.writeString(
                dir.resolve("run.json"),
                Json.MAPPER.writeValueAsString(Map.of(
                        RunJson.SERVICE_JVM_MEMORY,
                        new RunJson.ServiceJvmMemory(512.0, 95.0, 8.0, 615.0, true, "-Xmx", "gauges"))));
        assertThat(Files.readString(dir.resolve("run.json")))
                .contains("\"floor_mib\"")
                .contains("\"direct_buffers_mib\"");
        assertThat(RunRecord.in(dir).testBed().jvmHeapMaxMib()).isEqualTo(512.0);
        // 95 MiB of non-heap + 8 MiB of direct buffers = 103 MiB outside the heap; 512 + 103 = 615
        assertThat(RunRecord.in(dir).testBed().jvmOutsideHeapMib()).isEqualTo(103.0);
        assertThat(RunRecord.in(dir).testBed().jvmMemoryFloorMib()).isEqualTo(615.0);
        // a declared test host's CPU (size --test-host, systems) keeps the heap
        assertThat(RunRecord.in(dir).testBed().withServiceCpuCores(2).jvmMemoryFloorMib())
                .isEqualTo(615.0);
    }

    /** A run.json written before direct buffers were recorded sizes as it did then: heap + non-heap. */
    @Test
    void aRunWithoutDirectBuffersKeepsItsFloor() throws Exception {
        Files.writeString(
                dir.resolve("run.json"),
                "{\"service_jvm_memory\": {\"heap_max_mib\": 512, \"non_heap_committed_mib\": 95,"
                        + " \"floor_mib\": 607, \"heap_max_set\": true}}");
        assertThat(RunRecord.in(dir).testBed().jvmMemoryFloorMib()).isEqualTo(607.0);
    }

    @Test
    void noFloorOrABrokenOneIsUnknown() throws Exception {
        Files.writeString(dir.resolve("run.json"), "{\"run_id\": \"r\"}");
        assertThat(RunRecord.in(dir).testBed().jvmMemoryFloorMib()).isNaN();
        Files.writeString(dir.resolve("run.json"), "{\"service_jvm_memory\": {\"heap_max_mib\": \"much\"}}");
        assertThat(RunRecord.in(dir).testBed().jvmMemoryFloorMib()).isNaN();
        Files.writeString(
                dir.resolve("run.json"),
                "{\"service_jvm_memory\": {\"heap_max_mib\": 0, \"non_heap_committed_mib\": 90, \"heap_max_set\": true}}");
        assertThat(RunRecord.in(dir).testBed().jvmMemoryFloorMib()).isNaN();
        assertThat(RunRecord.none().testBed().jvmMemoryFloorMib()).isNaN();
        // the JVM's default heap (or a run that does not say) is no floor
        for (String set : java.util.List.of("false", "null")) {
            Files.writeString(
                    dir.resolve("run.json"),
                    "{\"service_jvm_memory\": {\"heap_max_mib\": 6000, \"non_heap_committed_mib\": 90,"
                            + " \"heap_max_set\": " + set + "}}");
            assertThat(RunRecord.in(dir).testBed().jvmMemoryFloorMib()).as(set).isNaN();
        }
    }
}
