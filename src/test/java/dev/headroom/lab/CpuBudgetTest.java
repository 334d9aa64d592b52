package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuBudgetTest {

    @Test
    void theQuotaIsTheBudgetTimesTheCfsPeriod() {
        assertThat(CpuBudget.quotaUs(1.0)).isEqualTo(100_000);
        assertThat(CpuBudget.quotaUs(0.5)).isEqualTo(50_000);
        assertThat(CpuBudget.quotaUs(2.25)).isEqualTo(225_000);
    }

    @Test
    void noBudgetAppliesNothingAndSaysSo() {
        CpuBudget none = CpuBudget.none();
        assertThat(none.applied().mechanism()).isEqualTo("none");
        assertThat(none.launchPrefix()).isEmpty();
        assertThat(none.activeProcessors()).isEmpty();
        assertThat(none.quotaCoresNow()).isNaN();
        assertThat(none.cpuStat()).isEmpty();
    }

    @Test
    void theEmptyGroupOfALabThatIsGoneIsRemovedAndALiveOnesIsKept() throws Exception {
        Path root = Path.of("/sys/fs/cgroup/cpu");
        assumeTrue(Files.isWritable(root), "no writable cgroup v1 cpu tree here");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createDirectory(root.resolve(CpuBudget.GROUP_PREFIX + gone.pid()));
        Path live = Files.createDirectory(
                root.resolve(CpuBudget.GROUP_PREFIX + ProcessHandle.current().pid()));
        try {
            CpuBudget.removeStaleGroups();
            assertThat(stale).doesNotExist();
            assertThat(live).exists();
        } finally {
            Files.deleteIfExists(stale);
            Files.deleteIfExists(live);
        }
    }

    /** Where cgroups are writable (as root here), a process started with the prefix is limited. */
    @Test
    void aProcessStartedWithThePrefixRunsInsideTheQuota() throws Exception {
        CpuBudget budget =
                CpuBudget.of(0.5, "headroom-test-" + ProcessHandle.current().pid());
        assumeTrue(budget.applied().mechanism().startsWith("cgroup"), "cgroups not writable here: " + budget.applied());
        try {
            List<String> command = new ArrayList<>(budget.launchPrefix());
            command.addAll(List.of("sh", "-c", "cat /proc/self/cgroup; sleep 0.2"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String cgroups = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            assertThat(cgroups)
                    .contains("headroom-test-" + ProcessHandle.current().pid());
            assertThat(budget.applied().appliedCpus()).hasValue(0.5);
            assertThat(budget.activeProcessors()).hasValue(1.0);
            String detail = budget.applied().detail();
            Path quotaFile = Path.of(detail.substring(0, detail.indexOf(' ')));
            assertThat(Files.readString(quotaFile).strip()).startsWith("50000");
            // raised for a start and set back, as the kernel reads it back: 140000 / 100000, then 50000 / 100000
            assertThat(budget.quotaCoresNow()).isEqualTo(0.5);
            budget.setQuota(1.4);
            assertThat(budget.quotaCoresNow()).isEqualTo(1.4);
            budget.setQuota(0.5);
            assertThat(budget.quotaCoresNow()).isEqualTo(0.5);
            assertThat(budget.cpuStat())
                    .hasValueSatisfying(stat -> assertThat(stat).isReadable());
        } finally {
            budget.release();
        }
    }
}
