package dev.headroom.lab;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * The process of a service Headroom did not start, found before any load from the port its URL
 * names: its pid (so its CPU and memory are read from /proc, as the reference service's are) and the
 * CPU it may use (the test bed's CPU budget, which the sizer needs). Found only on loopback, for a
 * process this user may read, and not when the listener is a port forwarder: then {@link #why} says
 * why not, and the figures come from the service's metrics endpoint, if any.
 *
 * @param process the listener, when it is the service
 * @param command the listener's executable (its file name), or empty when none was found
 * @param why why no process was taken as the service; empty when one was
 * @param heap a JVM's heap flags, when the service is one (what its measured memory misses)
 */
public record OwnProcess(Optional<ListeningProcess> process, String command, String why, Optional<JvmHeap> heap) {

    /**
     * Listeners that forward the port to a service elsewhere (a container, a VM, another host): their
     * CPU and memory are not the service's. Docker's userland proxy, rootless Docker's and Podman's
     * port forwarders, kubectl port-forward, ssh -L and socat.
     */
    static final Set<String> FORWARDERS =
            Set.of("docker-proxy", "rootlessport", "rootlesskit", "slirp4netns", "pasta", "kubectl", "ssh", "socat");

    /** How the listener is found, for run.json: the way {@code ss -ltnp} finds it. */
    static final String HOW = "/proc/net/tcp and tcp6: the socket listening on the port (state 0A) and its inode;"
            + " /proc/<pid>/fd: the process holding socket:[inode]; its VmRSS, cgroup and Cpus_allowed_list";

    public OwnProcess {
        Objects.requireNonNull(heap, "heap");
        if (process.isPresent() != why.isEmpty())
            throw new IllegalArgumentException("a process is found exactly when there is no reason why not");
    }

    /** Looks for the listener of {@code base}'s port on this host. */
    public static OwnProcess find(URI base) {
        return find(
                base,
                ListeningProcess::find,
                pid -> ProcessHandle.of(pid)
                        .flatMap(p -> p.info().command())
                        .map(c -> Path.of(c).getFileName().toString())
                        .orElse(""),
                pid -> ProcessHandle.of(pid)
                        .flatMap(p -> p.info().arguments())
                        .map(List::of)
                        .orElse(List.of()),
                OwnProcess::javaOptions);
    }

    /** As {@link #find(URI)}, with the /proc look-ups given (a fixture in tests); no JVM flags. */
    static OwnProcess find(URI base, IntFunction<Optional<ListeningProcess>> listener, LongFunction<String> command) {
        return find(base, listener, command, pid -> List.of(), pid -> JvmHeap.JavaOptions.NONE);
    }

    /** As {@link #find(URI)}, with the /proc look-ups given, the command line's and the environment's too. */
    static OwnProcess find(
            URI base,
            IntFunction<Optional<ListeningProcess>> listener,
            LongFunction<String> command,
            LongFunction<List<String>> arguments,
            LongFunction<JvmHeap.JavaOptions> javaOptions) {
        if (!LabSettings.isLoopback(base.getHost())) {
            return notFound(
                    "", base.getHost() + " is not a loopback address: the service's process is not on this host");
        }
        int port = port(base);
        Optional<ListeningProcess> found = listener.apply(port);
        if (found.isEmpty()) {
            return notFound(
                    "",
                    "no process this user may read listens on port " + port
                            + " (another user's process, or one in another network namespace)");
        }
        String cmd = command.apply(found.get().pid());
        if (FORWARDERS.contains(cmd)) {
            return notFound(
                    cmd,
                    "the process listening on port " + port + " is " + cmd + " (pid "
                            + found.get().pid()
                            + "), which forwards the port to the service elsewhere: its CPU and memory are not"
                            + " the service's");
        }
        long pid = found.get().pid();
        return new OwnProcess(found, cmd, "", JvmHeap.of(cmd, arguments.apply(pid), javaOptions.apply(pid)));
    }

    private static OwnProcess notFound(String command, String why) {
        return new OwnProcess(Optional.empty(), command, why, Optional.empty());
    }

    /**
     * The JVM options of /proc/{@code pid}/environ (JvmHeap.JavaOptions); none when unreadable
     * (another user's process).
     */
    static JvmHeap.JavaOptions javaOptions(long pid) {
        try {
            String environ = Files.readString(Path.of("/proc", Long.toString(pid), "environ"));
            return JvmHeap.JavaOptions.of(List.of(environ.split("\u0000")));
        } catch (IOException | RuntimeException e) {
            return JvmHeap.JavaOptions.NONE;
        }
    }

    /** The port a URL names, or its scheme's default (RFC 9110: 80 for http, 443 for https). */
    static int port(URI url) {
        if (url.getPort() > 0) return url.getPort();
        return "https".equals(url.getScheme()) ? 443 : 80;
    }

    /**
     * The CPU the service may use, as the test bed's CPU budget (run.json {@code lab.cpu_budget}):
     * found, not applied by Headroom. Mechanism {@code found <source>}, so a comparison of two runs
     * sees a budget Headroom applied and one it found as different.
     */
    public CpuBudget.Applied cpuBudget() {
        if (process.isEmpty() || Double.isNaN(process.get().cpuLimitCores())) {
            return new CpuBudget.Applied(
                    OptionalDouble.empty(),
                    OptionalDouble.empty(),
                    "none",
                    "a service Headroom did not start, whose CPU limit is unknown: "
                            + (why.isEmpty() ? "none found" : why));
        }
        ListeningProcess p = process.get();
        return new CpuBudget.Applied(
                OptionalDouble.empty(),
                OptionalDouble.of(p.cpuLimitCores()),
                "found " + p.cpuLimitSource(),
                String.format(
                        Locale.ROOT,
                        "not applied by Headroom: the %s of the process listening on the target's port (pid %d)"
                                + " allows it %.2f cores",
                        p.cpuLimitSource(),
                        p.pid(),
                        p.cpuLimitCores()));
    }

    /** One line for the console, before any load. */
    public String describe() {
        if (process.isEmpty()) return "your service's process was not found: " + why;
        ListeningProcess p = process.get();
        return String.format(
                Locale.ROOT,
                "your service's process: pid %d (%s), %s resident, CPU limit %s%s",
                p.pid(),
                command.isEmpty() ? "command unknown" : command,
                p.residentBytes() < 0
                        ? "unreadable"
                        : String.format(Locale.ROOT, "%.0f MiB", p.residentBytes() / (1024.0 * 1024)),
                Double.isNaN(p.cpuLimitCores())
                        ? "none"
                        : String.format(Locale.ROOT, "%.2f cores (%s)", p.cpuLimitCores(), p.cpuLimitSource()),
                heap.flatMap(JvmHeap::note).map(n -> "; " + n).orElse(""));
    }

    /** What run.json records under {@code lab.target.process}. */
    public Map<String, Object> facts() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("found", process.isPresent());
        if (!command.isEmpty()) f.put("command", command);
        if (process.isEmpty()) {
            f.put("why", why);
            return f;
        }
        ListeningProcess p = process.get();
        f.put("pid", p.pid());
        f.put("how", HOW);
        f.put("resident_mib_at_start", p.residentBytes() < 0 ? "unreadable" : p.residentBytes() / (1024.0 * 1024));
        f.put("cpu_limit_cores", Double.isNaN(p.cpuLimitCores()) ? "none" : p.cpuLimitCores());
        f.put("cpu_limit_source", p.cpuLimitSource());
        f.put("memory_limit_mib", p.memoryLimitBytes() < 0 ? "none" : p.memoryLimitBytes() / (1024.0 * 1024));
        heap.ifPresent(h -> f.put("jvm_heap", h.facts()));
        return f;
    }
}
