package dev.headroom.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.results.RunJson;

/**
 * What a run recorded about where and how it ran (run.json), as far as deciding whether two runs
 * can be compared needs it. An unknown text is "unknown", an unknown number NaN or 0.
 *
 * @param cpuBudgetCores the service's CPU budget as applied; NaN when unlimited or unknown
 * @param extraCpuUsPerOrder a deliberately slower build of the reference service (0: none)
 */
public record RunEnvironment(
        String gitCommit,
        boolean gitDirty,
        String scenarioName,
        String scenarioSha256,
        String scenarioFile,
        String loadModel,
        String hostCpuModel,
        int hostCpuCount,
        double cpuBudgetCores,
        String cpuBudgetMechanism,
        String databaseSetting,
        String databaseEngine,
        String databaseVersion,
        boolean referenceService,
        int poolSize,
        int tomcatThreads,
        String heap,
        String serviceJava,
        long extraCpuUsPerOrder,
        Calibration calibration) {

    static final String UNKNOWN = "unknown";

    /**
     * The host's speed on the run's calibration benchmark (test bench/HostCalibrationBench).
     *
     * @param status measured, skipped, failed, or absent (a run from before calibration existed)
     * @param opsPerS per second of wall time: drops on a slower CPU and on a busy host
     * @param opsPerCpuS per second of the benchmark thread's own CPU time: drops on a slower CPU only
     * @param scoreErrorOpsPerS JMH's 99.9 % confidence half-width of opsPerS; NaN when unknown
     */
    public record Calibration(
            String status, String benchmark, double opsPerS, double opsPerCpuS, double scoreErrorOpsPerS) {
        public boolean measured() {
            return "measured".equals(status) && speed() > 0;
        }

        /** The CPU's speed: ops per CPU second when recorded, else per wall second. */
        public double speed() {
            return opsPerCpuS > 0 ? opsPerCpuS : opsPerS;
        }

        /** The share of a CPU the benchmark thread got: below 1 on a busy host; NaN when unknown. */
        public double cpuShare() {
            return opsPerCpuS > 0 && opsPerS > 0 ? opsPerS / opsPerCpuS : Double.NaN;
        }
    }

    static RunEnvironment of(JsonNode run) {
        RunJson.Environment env = RunJson.environment(run);
        RunJson.Host host = env.host();
        RunJson.Scenario scenario = RunJson.scenario(run);
        JsonNode lab = run.path("lab");
        JsonNode service = lab.path("service");
        JsonNode db = lab.path("database");
        JsonNode cal = run.path("environment").path("calibration");
        return new RunEnvironment(
                text(env.gitCommit()),
                Boolean.TRUE.equals(env.gitDirty()),
                text(scenario.name()),
                text(scenario.sha256()),
                text(scenario.file()),
                scenario.model() == null ? UNKNOWN : scenario.model().key(),
                text(host.cpuModel()),
                host.cpuCount() == null ? 0 : host.cpuCount(),
                number(lab.path("cpu_budget").path("applied_cpus")),
                text(lab.path("cpu_budget").path("mechanism")),
                text(run.path("settings").path("database")),
                text(db.path("engine")),
                text(db.path("version")),
                run.path("target").path("reference_service").asBoolean(false),
                service.path("pool_size").asInt(0),
                service.path("tomcat_threads").asInt(0),
                text(service.path("heap")),
                text(service.path("launch").path("java_version")),
                service.path("extra_cpu_us_per_order").asLong(0),
                new Calibration(
                        cal.isMissingNode() ? "absent" : text(cal.path("status")),
                        text(cal.path("benchmark")),
                        number(cal.path("ops_per_s")),
                        number(cal.path("ops_per_cpu_s")),
                        number(cal.path("score_error_ops_per_s"))));
    }

    /** The major version of the database server: "11.4.5-MariaDB" is 11.4, "8.0.43" is 8.0. */
    public String databaseMajorVersion() {
        String[] parts = databaseVersion.split("[.-]");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : databaseVersion;
    }

    /**
     * A file that belongs with the run's scenario, as sizing requests do: {@code <folder>/<scenario><ext>}
     * beside the scenario file (say {@code scenarios/gates/nightly.yaml}); empty when the run does not
     * say where its scenario file was.
     */
    public java.util.Optional<java.nio.file.Path> besideScenarioFile(String folder, String extension) {
        if (scenarioFile.equals(UNKNOWN)) return java.util.Optional.empty();
        java.nio.file.Path parent =
                java.nio.file.Path.of(scenarioFile).toAbsolutePath().getParent();
        return java.util.Optional.of(parent.resolve(folder).resolve(scenarioName + extension));
    }

    public String shortCommit() {
        return gitCommit.length() >= 10 && !gitCommit.equals(UNKNOWN) ? gitCommit.substring(0, 10) : gitCommit;
    }

    static String text(String s) {
        return s == null || s.isBlank() ? UNKNOWN : s;
    }

    static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() && !n.asText().isBlank() ? n.asText() : UNKNOWN;
    }

    static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
