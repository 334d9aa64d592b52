package dev.headroom.sizing;

/** The speed of the test host's CPU, against which every instance type is scaled. */
final class SpeedFactor {
    private SpeedFactor() {}

    /** Per-vCPU CoreMark of the test host, or NaN when unknown (then every speed factor is 1). */
    static double decide(SizingRequest.TestHost host, TestBed bed, InstanceCatalog catalog, SizingLog log) {
        if (host.equivalentInstanceType().isPresent()) {
            InstanceType t = catalog.byName(host.equivalentInstanceType().get());
            log.decide(Decision.named("speed_factor")
                    .input("test_host_equivalent", t.name())
                    .formula("speed(type) = CoreMark per vCPU of type / CoreMark per vCPU of the test host"
                            + " (vantage-sh/ec2instances.info, 2025-12-10)")
                    .result("test_host_coremark_per_vcpu", t.coremarkPerVcpu())
                    .because("The request declares the test host equivalent to a " + t.name()
                            + "; other types are scaled by their CoreMark per vCPU against it. CoreMark is an integer"
                            + " benchmark, not a JVM workload: the factors are estimates."));
            return t.coremarkPerVcpu();
        }
        if (MeasuredStep.measured(host.coremarkPerVcpu())) {
            log.decide(Decision.named("speed_factor")
                    .input("test_host_coremark_per_vcpu", host.coremarkPerVcpu())
                    .formula("speed(type) = CoreMark per vCPU of type / the test host's")
                    .result("test_host_coremark_per_vcpu", host.coremarkPerVcpu())
                    .because("The request gives the test host's CoreMark per vCPU; the factors are estimates."));
            return host.coremarkPerVcpu();
        }
        String why = "The test host (" + bed.cpuModel() + ") is not declared as an EC2 type and its CoreMark is not"
                + " given, so every instance type is taken to be as fast per vCPU as the test host. Declare"
                + " test_host.equivalent_instance_type in the sizing request to scale by CPU speed.";
        log.decide(Decision.notEvaluated("speed_factor", why));
        log.find(Finding.warning(FindingCode.TEST_HOST_SPEED_UNKNOWN, why));
        return Double.NaN;
    }
}
