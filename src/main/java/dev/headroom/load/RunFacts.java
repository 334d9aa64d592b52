package dev.headroom.load;

import dev.headroom.lab.LabSettings;
import dev.headroom.scenario.Scenario;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What run.json says of a run besides its steps, as a benchmark footnote does: code, host, JVM, scenario, settings. */
final class RunFacts {
    private RunFacts() {}

    static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("git_commit", git("rev-parse", "HEAD"));
        env.put(
                "git_dirty",
                !git("status", "--porcelain", "--untracked-files=no").isEmpty());
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("cpu_model", cpuModel());
        host.put("cpu_count", Runtime.getRuntime().availableProcessors());
        host.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        host.put("arch", System.getProperty("os.arch"));
        env.put("host", host);
        Map<String, Object> injector = new LinkedHashMap<>();
        injector.put("java_version", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        injector.put("jvm_flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
        injector.put("pid", ProcessHandle.current().pid());
        env.put("injector", injector);
        return env;
    }

    static Map<String, Object> scenario(Scenario scenario) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", scenario.name());
        s.put("file", scenario.source());
        s.put("sha256", scenario.sha256());
        s.put("model", scenario.load().model().key());
        s.put("load", scenario.load());
        if (scenario.ownService()) {
            s.put(
                    "requests",
                    scenario.requests().stream()
                            .map(r -> Map.of(
                                    "name", r.name(),
                                    "weight", r.weight(),
                                    "method", r.method(),
                                    "path", r.path().text()))
                            .toList());
        } else {
            Map<String, Integer> mix = new LinkedHashMap<>();
            scenario.mix().forEach((endpoint, weight) -> mix.put(endpoint.key(), weight));
            s.put("mix", mix);
        }
        s.put("slo", scenario.slo());
        s.put("plan", scenario.load().plan());
        s.put("request_timeout_s", scenario.requestTimeoutS());
        return s;
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
