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
        // gone within a second of its reaping: the kernel frees /proc/<pid> as the parent reaps it,
        // but CI here once still found it right after waitFor (a loaded 2-core host)
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (LinuxProcesses.findByCommandLine(List.of("sleep 30", marker)).isPresent()
                && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(LinuxProcesses.findByCommandLine(List.of("sleep 30", marker)))
                .isEmpty();
    }
}
