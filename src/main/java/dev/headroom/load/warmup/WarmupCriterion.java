package dev.headroom.load.warmup;

/** Which test ended the warm-up: the value of run.json's {@code warmup.ended_by}. */
public enum WarmupCriterion {
    /** The JIT's compilation time fell below its share of the CPU and CPU per request stopped moving. */
    JIT_AND_CPU_PER_REQUEST("jit_and_cpu_per_request"),
    /** No JVM compilation metric: CPU per request stopped moving. */
    CPU_PER_REQUEST("cpu_per_request"),
    /** No CPU figure: mean latency stopped moving. */
    LATENCY("latency"),
    /**
     * A window completed less than 95 % of the warm-up's rate: the service is queueing, which no
     * steady state follows. The run lowers the warm-up rate and starts a new detector.
     */
    FELL_BEHIND("fell_behind"),
    /** The maximum passed first: a finding, the figures that follow may still include the warm-up. */
    NEVER_SETTLED("never_settled");

    private final String jsonName;

    WarmupCriterion(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
