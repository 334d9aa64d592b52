package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnProcessTest {
    /** A Spring Boot service in a half-CPU cgroup v2 with a 512 MiB limit, 300 MiB resident. */
    private static final ListeningProcess JAVA =
            new ListeningProcess(4242, 300L * 1024 * 1024, 0.5, "cgroup-v2 cpu.max", 512L * 1024 * 1024);

    private final List<Integer> portsAsked = new ArrayList<>();

    private OwnProcess find(String url, Optional<ListeningProcess> listener, String command) {
        return OwnProcess.find(
                URI.create(url),
                port -> {
                    portsAsked.add(port);
                    return listener;
                },
                pid -> command);
    }

    @Test
    void theListenerOfTheTargetsPortIsTheService() {
        OwnProcess own = find("http://127.0.0.1:8080/api", Optional.of(JAVA), "java");
        assertThat(portsAsked).containsExactly(8080);
        assertThat(own.process()).contains(JAVA);
        assertThat(own.why()).isEmpty();

        CpuBudget.Applied budget = own.cpuBudget();
        assertThat(budget.appliedCpus()).hasValue(0.5);
        assertThat(budget.requestedCpus()).isEmpty(); // found, not asked for
        assertThat(budget.mechanism()).isEqualTo("found cgroup-v2 cpu.max");
        assertThat(budget.detail()).contains("pid 4242").contains("0.50 cores");

        Map<String, Object> facts = own.facts();
        assertThat(facts)
                .containsEntry("found", true)
                .containsEntry("pid", 4242L)
                .containsEntry("command", "java")
                .containsEntry("resident_mib_at_start", 300.0)
                .containsEntry("cpu_limit_cores", 0.5)
                .containsEntry("memory_limit_mib", 512.0);
        assertThat((String) facts.get("how")).contains("/proc/net/tcp").contains("/proc/<pid>/fd");
        assertThat(own.describe())
                .contains("pid 4242 (java)")
                .contains("300 MiB")
                .contains("0.50 cores");
    }

    @Test
    void aJvmWhoseHeapIsNotPreTouchedIsToldBeforeAnyLoad() {
        OwnProcess own = OwnProcess.find(
                URI.create("http://127.0.0.1:8080/"),
                port -> Optional.of(JAVA),
                pid -> "java",
                pid -> List.of("-Xmx512m", "-jar", "app.jar"),
                pid -> JvmHeap.JavaOptions.NONE);
        assertThat(own.heap())
                .hasValueSatisfying(h -> assertThat(h.maxHeapBytes()).hasValue(512L << 20));
        assertThat(own.describe()).contains("pid 4242 (java)", "heap of up to 512 MiB is not pre-touched");
        assertThat(own.facts()).containsKey("jvm_heap");
        // a non-JVM service: nothing said about a heap
        OwnProcess python = OwnProcess.find(
                URI.create("http://127.0.0.1:8080/"),
                port -> Optional.of(JAVA),
                pid -> "python3",
                pid -> List.of("-m", "http.server"),
                pid -> JvmHeap.JavaOptions.NONE);
        assertThat(python.heap()).isEmpty();
        assertThat(python.describe()).doesNotContain("heap");
        assertThat(python.facts()).doesNotContainKey("jvm_heap");
    }

    @Test
    void aUrlWithoutAPortNamesItsSchemesDefault() {
        find("http://localhost/", Optional.of(JAVA), "java");
        find("https://localhost/", Optional.of(JAVA), "java");
        assertThat(portsAsked).containsExactly(80, 443);
    }

    @Test
    void anUnlimitedProcessHasNoBudget() {
        ListeningProcess unlimited = new ListeningProcess(7, 1024, Double.NaN, "none", -1);
        OwnProcess own = find("http://127.0.0.1:9000", Optional.of(unlimited), "python3");
        assertThat(own.cpuBudget().appliedCpus()).isEmpty();
        assertThat(own.cpuBudget().mechanism()).isEqualTo("none");
        assertThat(own.facts()).containsEntry("cpu_limit_cores", "none").containsEntry("memory_limit_mib", "none");
    }

    @Test
    void noListenerAForwarderOrARemoteHostIsNotTheService() {
        OwnProcess none = find("http://127.0.0.1:8080", Optional.empty(), "");
        assertThat(none.process()).isEmpty();
        assertThat(none.why()).contains("port 8080").contains("another user's process");
        assertThat(none.cpuBudget().appliedCpus()).isEmpty();
        assertThat(none.facts())
                .containsEntry("found", false)
                .containsKey("why")
                .doesNotContainKey("pid");

        // docker-compose's published port: the listener is Docker's proxy, whose CPU is not the service's
        OwnProcess proxy = find("http://127.0.0.1:8080", Optional.of(JAVA), "docker-proxy");
        assertThat(proxy.process()).isEmpty();
        assertThat(proxy.why()).contains("docker-proxy (pid 4242)").contains("forwards");
        assertThat(proxy.facts()).containsEntry("command", "docker-proxy");

        portsAsked.clear();
        OwnProcess remote = find("http://192.0.2.10:8080", Optional.of(JAVA), "java");
        assertThat(remote.process()).isEmpty();
        assertThat(remote.why()).contains("not a loopback address");
        assertThat(portsAsked).isEmpty(); // /proc is not even looked at
    }

    /** This test's JVM listens on a port: the real /proc finds it, with this JVM's memory and affinity. */
    @Test
    void findsThisJvmListeningOnLoopback() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            OwnProcess own = OwnProcess.find(URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/"));
            assertThat(own.process()).as(own.why()).isPresent();
            assertThat(own.process().get().pid())
                    .isEqualTo(ProcessHandle.current().pid());
            assertThat(own.command()).isEqualTo("java");
            assertThat(own.process().get().residentBytes()).isPositive();
            // its heap as this JVM runs it: the real command line (surefire's fork) and environment
            long maxHeap = java.lang.management.ManagementFactory.getMemoryMXBean()
                    .getHeapMemoryUsage()
                    .getMax();
            boolean preTouched = java.lang.management.ManagementFactory.getRuntimeMXBean()
                    .getInputArguments()
                    .contains("-XX:+AlwaysPreTouch");
            assertThat(own.heap()).hasValueSatisfying(h -> {
                assertThat(h.preTouched()).isEqualTo(preTouched);
                // when the command line sets a maximum, it is this JVM's (G1 reports it to the byte)
                h.maxHeapBytes().ifPresent(b -> assertThat(b).isEqualTo(maxHeap));
            });
            // at most the CPUs this JVM may run on (its affinity), and some of one at least
            assertThat(own.cpuBudget().appliedCpus().orElseThrow())
                    .isPositive()
                    .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }
}
