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
    /** The pool size the load needs is above what the database's cores justify. */
    POOL_ABOVE_DB_CORES
}
