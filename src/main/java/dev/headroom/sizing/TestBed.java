package dev.headroom.sizing;

/**
 * What the steps were measured on, from run.json when there is one; NaN and 0 mean unknown (a
 * steps.csv from another tool).
 *
 * @param serviceCpuCores the CPU budget the service had (its cgroup quota), NaN when unlimited or unknown
 * @param serviceStartSeconds the service's start-up time to ready, measured by the lab
 * @param poolSize the connection pool size the service ran with
 */
public record TestBed(
        double serviceCpuCores, double serviceStartSeconds, int poolSize, String cpuModel, String databaseEngine) {
    public TestBed {
        if (serviceCpuCores <= 0) throw new IllegalArgumentException("service CPU must be > 0");
        if (serviceStartSeconds < 0) throw new IllegalArgumentException("start-up time must be >= 0");
        cpuModel = cpuModel == null ? "unknown" : cpuModel;
        databaseEngine = databaseEngine == null ? "unknown" : databaseEngine;
    }

    public static TestBed unknown() {
        return new TestBed(Double.NaN, Double.NaN, 0, "unknown", "unknown");
    }
}
