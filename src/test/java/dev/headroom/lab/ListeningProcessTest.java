package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListeningProcessTest {
    /** Two listeners and one connection, as proc(5) prints them (this host's /proc/net/tcp, trimmed). */
    private static final String TCP =
            """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:8021 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1326517 1 000000006af029ad 100 0 0 10 0
               1: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 577 1 00000000fd5d3d33 100 0 0 10 0
               2: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 999 1 0000000000000000 20 4 30 10 -1
            """;

    @Test
    void findsTheInodeOfTheListenerOnAPortInHex() {
        // 0x8021 = 32801, 0x07E8 = 2024
        assertThat(ListeningProcess.listeningInode(TCP, 32801)).hasValue(1326517);
        assertThat(ListeningProcess.listeningInode(TCP, 2024)).hasValue(577);
        // 0x1F90 = 8080 appears only as an established connection (state 01), not a listener
        assertThat(ListeningProcess.listeningInode(TCP, 8080)).isEmpty();
    }

    @Test
    void readsTheCgroupQuotaTheAffinityAndTheMemory() {
        assertThat(ListeningProcess.cpuMaxCores("50000 100000\n")).isCloseTo(0.5, within(1e-12));
        assertThat(ListeningProcess.cpuMaxCores("max 100000")).isNaN();
        assertThatThrownBy(() -> ListeningProcess.cpuMaxCores("50000")).hasMessageContaining("$MAX $PERIOD");
        assertThat(ListeningProcess.cgroupV2Path("4:memory:/x\n0::/system.slice/app.service\n"))
                .hasValue("/system.slice/app.service");
        assertThat(ListeningProcess.cgroupV2Path("4:memory:/x\n")).isEmpty();
        assertThat(ListeningProcess.allowedCpus("Name:\tjava\nCpus_allowed_list:\t0-1,3,6-7\n"))
                .isEqualTo(5);
        assertThat(ListeningProcess.residentBytes("VmRSS:\t  2048 kB\n")).isEqualTo(2048L * 1024);
        assertThat(ListeningProcess.residentBytes("Name:\tkthreadd\n")).isEqualTo(-1);
    }

    /** A fixture /proc and cgroup tree: pid 4242 holds the socket with inode 1326517, in a half-CPU cgroup. */
    @Test
    void findsTheProcessAndItsLimitsInAProcTree(@TempDir Path root) throws Exception {
        Path proc = root.resolve("proc");
        Path cgroups = root.resolve("cgroup");
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), TCP);
        Files.writeString(proc.resolve("net/tcp6"), "  sl  local_address rem_address   st\n");
        Path other = Files.createDirectories(proc.resolve("17/fd"));
        Files.createSymbolicLink(other.resolve("3"), Path.of("socket:[577]"));
        Path pid = proc.resolve("4242");
        Files.createDirectories(pid.resolve("fd"));
        Files.createSymbolicLink(pid.resolve("fd/0"), Path.of("/dev/null"));
        Files.createSymbolicLink(pid.resolve("fd/7"), Path.of("socket:[1326517]"));
        Files.writeString(pid.resolve("status"), "Name:\tjava\nVmRSS:\t 307200 kB\nCpus_allowed_list:\t0-1\n");
        Files.writeString(pid.resolve("cgroup"), "0::/headroom/service\n");
        Path cg = Files.createDirectories(cgroups.resolve("headroom/service"));
        Files.writeString(cg.resolve("cpu.max"), "50000 100000\n");
        Files.writeString(cg.resolve("memory.max"), "536870912\n");
        Files.writeString(cg.resolve("cpu.stat"), "usage_usec 1\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n");

        ListeningProcess p = ListeningProcess.find(32801, proc, cgroups).orElseThrow();
        // the group whose quota limits it counts its throttling
        assertThat(p.cpuStat()).contains(cg.resolve("cpu.stat"));
        assertThat(p.pid()).isEqualTo(4242);
        assertThat(p.residentBytes()).isEqualTo(300L * 1024 * 1024);
        // 0.5 cores of quota is fewer than the 2 CPUs of its affinity
        assertThat(p.cpuLimitCores()).isCloseTo(0.5, within(1e-12));
        assertThat(p.cpuLimitSource()).isEqualTo("cgroup-v2 cpu.max");
        assertThat(p.memoryLimitBytes()).isEqualTo(512L * 1024 * 1024);

        // without a quota, the affinity mask is the limit
        Files.writeString(cg.resolve("cpu.max"), "max 100000\n");
        Files.writeString(cg.resolve("memory.max"), "max\n");
        ListeningProcess unlimited = ListeningProcess.find(32801, proc, cgroups).orElseThrow();
        assertThat(unlimited.cpuLimitCores()).isEqualTo(2);
        assertThat(unlimited.cpuLimitSource()).isEqualTo("affinity");
        assertThat(unlimited.memoryLimitBytes()).isEqualTo(-1);
        assertThat(unlimited.cpuStat()).as("no quota, nothing throttles it").isEmpty();

        assertThat(ListeningProcess.find(8080, proc, cgroups)).isEmpty();
    }

    @Test
    void readsCgroupV1LimitsWhereThereIsNoV2Controller(@TempDir Path root) throws Exception {
        assertThat(ListeningProcess.cgroupV1Path("4:memory:/m\n2:cpu,cpuacct:/c\n0::/\n", "cpu"))
                .hasValue("/c");
        assertThat(ListeningProcess.cfsQuotaCores("150000\n", "100000\n")).isCloseTo(1.5, within(1e-12));
        assertThat(ListeningProcess.cfsQuotaCores("-1", "100000")).isNaN();
        // v1's "unlimited" with 4 KiB pages
        assertThat(ListeningProcess.v1MemoryLimit("9223372036854771712\n")).isEqualTo(-1);
        assertThat(ListeningProcess.v1MemoryLimit("1073741824")).isEqualTo(1L << 30);

        // a hybrid host, as this one: v1 controllers and an empty "0::/" line
        Path proc = root.resolve("proc");
        Path cgroups = root.resolve("cgroup");
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), TCP);
        Path pid = proc.resolve("4242");
        Files.createDirectories(pid.resolve("fd"));
        Files.createSymbolicLink(pid.resolve("fd/7"), Path.of("socket:[577]"));
        Files.writeString(pid.resolve("status"), "VmRSS:\t 1024 kB\nCpus_allowed_list:\t0-3\n");
        Files.writeString(pid.resolve("cgroup"), "4:memory:/svc\n2:cpu,cpuacct:/svc\n0::/\n");
        Path cpu = Files.createDirectories(cgroups.resolve("cpu,cpuacct/svc"));
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "150000\n");
        Files.writeString(cpu.resolve("cpu.cfs_period_us"), "100000\n");
        Files.writeString(cpu.resolve("cpu.stat"), "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n");
        Path memory = Files.createDirectories(cgroups.resolve("memory/svc"));
        Files.writeString(memory.resolve("memory.limit_in_bytes"), "1073741824\n");

        ListeningProcess p = ListeningProcess.find(2024, proc, cgroups).orElseThrow();
        assertThat(p.pid()).isEqualTo(4242);
        // 1.5 cores of quota, fewer than the 4 CPUs of its affinity
        assertThat(p.cpuLimitCores()).isCloseTo(1.5, within(1e-12));
        assertThat(p.cpuLimitSource()).isEqualTo("cgroup-v1 cpu.cfs_quota_us");
        assertThat(p.memoryLimitBytes()).isEqualTo(1L << 30);
        assertThat(p.cpuStat()).contains(cpu.resolve("cpu.stat"));
    }

    /** The real /proc: a socket this JVM listens on is found, and it is this JVM. */
    @Test
    void findsThisJvmListeningOnLoopback() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ListeningProcess p = ListeningProcess.find(socket.getLocalPort()).orElseThrow();
            assertThat(p.pid()).isEqualTo(ProcessHandle.current().pid());
            Runtime rt = Runtime.getRuntime();
            assertThat(p.residentBytes()).isGreaterThan(rt.totalMemory() - rt.freeMemory());
            // every Linux process has an affinity mask, so some limit is found (a cgroup v1 quota, which the
            // JVM's availableProcessors honours, is not read here: cgroup v2 and affinity only)
            assertThat(p.cpuLimitCores()).isGreaterThan(0);
            assertThat(p.cpuLimitSource()).isNotEqualTo("none");
        }
    }
}
