package dev.headroom.load;

import dev.headroom.lab.LabSettings;
import dev.headroom.metrics.JvmMemoryFloor;
import dev.headroom.results.RunJson;
import dev.headroom.scenario.Scenario;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** What run.json says of a run besides its steps, as a benchmark footnote does: code, host, JVM, scenario, settings. */
final class RunFacts {
    private RunFacts() {}

    /** {@code calibration}: the host's speed as the calibration benchmark measured it, or why it was not. */
    static RunJson.Environment environment(Map<String, Object> calibration) {
        return new RunJson.Environment(
                git("rev-parse", "HEAD"),
                !git("status", "--porcelain", "--untracked-files=no").isEmpty(),
                new RunJson.Host(
                        cpuModel(),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("os.name") + " " + System.getProperty("os.version"),
                        System.getProperty("os.arch")),
                new RunJson.Injector(
                        System.getProperty("java.vm.vendor") + " " + Runtime.version(),
                        ManagementFactory.getRuntimeMXBean().getInputArguments(),
                        ProcessHandle.current().pid()),
                calibration);
    }

    static RunJson.Scenario scenario(Scenario scenario) {
        List<Map<String, Object>> requests = null;
        Map<String, Integer> mix = null;
        if (scenario.ownService()) {
            requests = scenario.requests().stream()
                    .map(r -> Map.<String, Object>of(
                            "name", r.name(),
                            "weight", r.weight(),
                            "method", r.method(),
                            "path", r.path().text()))
                    .toList();
        } else {
            mix = new LinkedHashMap<>();
            for (var e : scenario.mix().entrySet()) mix.put(e.getKey().key(), e.getValue());
        }
        return new RunJson.Scenario(
                scenario.name(),
                scenario.source(),
                scenario.sha256(),
                scenario.load().model(),
                scenario.load(),
                requests,
                mix,
                new RunJson.Slo(
                        scenario.slo().p95Ms(),
                        scenario.slo().p99Ms(),
                        scenario.slo().errorRatio()),
                scenario.load().plan().stream()
                        .map(p -> new RunJson.PlanStep(
                                p.step(), p.offered(), p.rampStartS(), p.steadyStartS(), p.steadyEndS()))
                        .toList(),
                scenario.requestTimeoutS());
    }

    /**
     * A JVM service's memory floor and where its figures came from.
     *
     * @param gaugesRead whether the JVM's memory gauges were read: without them the floor is the heap
     *     alone, and run.json leaves the non-heap and direct buffers out rather than write zeros
     */
    record JvmFloor(JvmMemoryFloor floor, boolean gaugesRead, String source) {}

    /**
     * How far the heap pools' maxima may lie below {@code -Xmx}: a survivor space under the serial
     * and parallel collectors (with their default NewRatio 2 and SurvivorRatio 8, 1/30 of the heap)
     * and more after adaptive resizing; none under G1, ZGC and Shenandoah.
     */
    static final double POOLS_BELOW_XMX = 0.15;

    /** HotSpot aligns the heap's maximum up, by at most a G1 region (32 MiB at the largest). */
    static final double ALIGNMENT_BYTES = 32.0 * 1024 * 1024;

    /**
     * The floor to record: the gauges' (read {@code from} the endpoint or a Prometheus), with the
     * heap maximum replaced by the {@code -Xmx} Headroom knows where the gauges agree with it (exact
     * where the pools' maxima fall short); where they do not, the command line was misread (an
     * {@code @argfile}, an option from somewhere Headroom did not look) and the gauges are kept.
     * Without gauges, that {@code -Xmx} alone (a lower bound still); empty with neither.
     */
    static Optional<JvmFloor> jvmFloor(Optional<JvmMemoryFloor> gauges, String from, OptionalLong xmxBytes) {
        OptionalLong xmx = xmxBytes.isPresent() && xmxBytes.getAsLong() > 0 ? xmxBytes : OptionalLong.empty();
        if (gauges.isPresent()) {
            JvmMemoryFloor g = gauges.get();
            if (xmx.isEmpty()) return Optional.of(new JvmFloor(g, true, JvmMemoryFloor.source(false, from)));
            double x = xmx.getAsLong();
            if (g.heapMaxBytes() >= x * (1 - POOLS_BELOW_XMX) && g.heapMaxBytes() <= x + ALIGNMENT_BYTES)
                return Optional.of(new JvmFloor(g.withHeapMaxBytes(x), true, JvmMemoryFloor.source(true, from)));
            return Optional.of(new JvmFloor(
                    g,
                    true,
                    JvmMemoryFloor.source(false, from)
                            + String.format(
                                    Locale.ROOT,
                                    "; the -Xmx Headroom read for the process (%.0f MiB) is not the gauges' heap"
                                            + " maximum (%.0f MiB), so the gauges are kept: an @argfile or an option"
                                            + " Headroom did not read set the heap",
                                    x / (1024 * 1024),
                                    g.heapMaxMib())));
        }
        if (xmx.isEmpty()) return Optional.empty();
        return Optional.of(new JvmFloor(
                new JvmMemoryFloor(xmx.getAsLong(), 0, 0),
                false,
                "-Xmx or -XX:MaxHeapSize of the service's process; no JVM memory gauges were read (none"
                        + " exported, or the query failed), so the non-heap and direct buffers are not in it"));
    }

    /** {@code service_jvm_memory}: the JVM service's heap maximum, non-heap and direct buffers, to a tenth of a MiB. */
    static RunJson.ServiceJvmMemory serviceJvmMemory(JvmFloor f, JvmHeapOrigin origin) {
        JvmMemoryFloor m = f.floor();
        return new RunJson.ServiceJvmMemory(
                tenths(m.heapMaxMib()),
                f.gaugesRead() ? tenths(m.nonHeapCommittedMib()) : null,
                f.gaugesRead() ? tenths(m.directBufferMib()) : null,
                tenths(m.floorMib()),
                origin.set(),
                origin.why(),
                f.source());
    }

    private static double tenths(double mib) {
        return Math.round(mib * 10) / 10.0;
    }

    static Map<String, Object> settings(LabSettings settings, Scenario scenario) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("database", settings.database().getClass().getSimpleName().toLowerCase(Locale.ROOT));
        s.put("target", settings.target().map(Object::toString).orElse("reference service"));
        if (settings.target().isPresent()) {
            s.put("cpus_requested", "not applied: the service at a URL is limited where it runs");
        } else {
            s.put(
                    "cpus_requested",
                    settings.cpuBudget(scenario.service().cpus()).isPresent()
                            ? settings.cpuBudget(scenario.service().cpus()).getAsDouble()
                            : "none");
        }
        s.put("service_extra_cpu_us_per_order", settings.serviceExtraCpuUsPerOrder());
        s.put("calibration", settings.calibrate() ? "on" : "off");
        return s;
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return "unknown";
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
