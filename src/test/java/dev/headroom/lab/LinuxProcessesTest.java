package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LinuxProcessesTest {

    @Test
    void findsAProcessByItsCommandLineAndNothingOnceItIsGone() throws Exception {
        String marker = "headroom-marker-" + UUID.randomUUID();
        Process p = new ProcessBuilder("sh", "-c", "sleep 30; true", marker).start();
        try {
            assertThat(LinuxProcesses.findByCommandLine(List.of("sleep 30", marker)))
                    .hasValue(p.pid());
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertThat(LinuxProcesses.findByCommandLine(List.of("sleep 30", marker)))
                .isEmpty();
    }
}
