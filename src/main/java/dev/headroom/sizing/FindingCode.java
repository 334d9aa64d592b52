package dev.headroom.sizing;

/**
 * Stable codes for what the sizer found, for CI to key on. Renaming one breaks users' pipelines:
 * add codes, never rename them.
 */
public enum FindingCode {
    /** No valid step met the SLO: the service cannot carry any measured load within it. */
    SLO_NOT_MET_AT_ANY_STEP,
    /** Some steps were invalid: the load generator or the host, not the service, was the limit. */
    INJECTOR_SATURATED,
    /** A figure was predicted beyond the measured load range (USL peak, a larger replica). */
    EXTRAPOLATION_BEYOND_MEASURED,
    /** Max replicas x pool (+ rollout surge) + reserved connections exceed the DB's max_connections. */
    DB_CONNECTION_BUDGET_EXCEEDED,
    /** A burstable (t3, t3a, t4g) type would run above its CPU credit baseline. */
    BURSTABLE_BASELINE_EXCEEDED,
    /** An autoscaling CPU target leaves too little headroom for the load growth during scale-up. */
    AUTOSCALE_THRESHOLD_TOO_HIGH,
    /** Throughput still rose at the highest valid step: the test never found the saturation point. */
    SATURATION_NOT_REACHED,
    /** Fewer than six usable points: the USL was not fitted; capacity comes from the steps alone. */
    USL_NOT_FITTED,
    /** The USL fit explains too little of the measured throughput (R² below 0.8) to quote its peak. */
    USL_POOR_FIT,
    /** The test host's CPU speed is unknown: instance types are compared as if it were equal to each. */
    TEST_HOST_SPEED_UNKNOWN,
    /** The region has no price table: plans are ranked by size, not cost. */
    PRICES_UNAVAILABLE,
    /** A figure a decision needs was not in steps.csv; the decision was not evaluated. */
    INPUT_NOT_MEASURED,
    /** The current plan cannot carry the peak within the SLO. */
    PLAN_CAPACITY_SHORT,
    /** Load grows faster than reactive autoscaling can follow; schedule capacity ahead instead. */
    AUTOSCALE_LAG_TOO_LONG,
    /** No candidate plan met every constraint. */
    NO_FEASIBLE_PLAN,
    /**
     * At the peak, more connections are busy at once across every replica than the database's
     * physical cores x 2 keep usefully busy (HikariCP, "About Pool Sizing"): they queue inside the
     * database. Fleet-wide, never a reason to reject a class.
     */
    POOL_ABOVE_DB_CORES,
    /** The service's own CPU was the limit at the knee. */
    BOTTLENECK_SERVICE_CPU,
    /** The database was the limit: connections were held longer as the load rose. */
    BOTTLENECK_DATABASE,
    /** The connection pool was the limit: requests waited for a connection with the database to spare. */
    BOTTLENECK_POOL,
    /** The request threads were all busy: requests queued for a thread. */
    BOTTLENECK_THREADS,
    /** GC pauses took a tenth of the time or more. */
    BOTTLENECK_GC,
    /** The load generator or the test host stopped the test before the service. */
    BOTTLENECK_INJECTOR,
    /** Nothing measured was saturated, or the figures that would say were not measured. */
    BOTTLENECK_UNKNOWN,
    /** The service used more CPU than the budget it was tested with: the budget did not hold. */
    CPU_ABOVE_BUDGET,
    /** The plan runs on another CPU architecture than the test: its speed factor is an estimate. */
    ARCHITECTURE_CHANGE,
    /** No peak load was given: capacity, knee, USL, demand and bottleneck only; no plan. */
    PEAK_NOT_GIVEN,
    /** A system's database gets read replicas: its writer cannot carry the reads beside the writes at its target. */
    READ_REPLICAS_ADDED,
    /** A service's declared read share differs from the one its run measured by more than 10 points. */
    READ_SHARE_DECLARED_DIFFERS,
    /** The system's deployment strategy differs from the one the written Kubernetes manifests carry. */
    DEPLOYMENT_STRATEGY_NOT_IN_MANIFESTS,
    /**
     * A service that connects to a system's database has no plan, so its connections and its
     * database work are missing from that database's budget and class.
     */
    DATABASE_BUDGET_INCOMPLETE,
    /**
     * A search's warm-up did not reach a steady state (or fell behind): the trials measured a
     * service still warming up, whose CPU per request was higher than a warm one's.
     */
    WARMUP_NOT_SETTLED,
    /**
     * Runs of one build on one host found capacities this far apart (or no such spread is known): a
     * search's 95 % interval is of one run's trials, within one launch of the service, and launches
     * differ. A warning when the runs' range is wider than the run's own interval.
     */
    CAPACITY_SPREAD_ACROSS_RUNS,
    /**
     * A JVM service held less memory in the test than its heap maximum plus its non-heap and direct
     * buffers: the heap was not all resident yet, and the replica's memory is sized from the heap
     * maximum, not from what the test saw, so that the limit is not below {@code -Xmx}.
     */
    JVM_HEAP_NOT_RESIDENT,
    /**
     * The request's {@code replica.memory_mib} is below the JVM service's heap maximum plus its
     * non-heap and direct buffers: a container limited to it is killed when the heap fills.
     */
    MEMORY_BELOW_JVM_HEAP,
    /**
     * Read at one of the trials at the capacity alone, the CPU per request gives another plan: a
     * warning when the instance type or the DB class differs, or no plan is feasible; an info when
     * only replica, node or pool counts do. The recommendation's choice rests on less than the
     * run's own trials can tell apart.
     */
    PLAN_VARIES_ACROSS_TRIALS
}
