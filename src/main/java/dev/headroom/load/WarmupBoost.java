package dev.headroom.load;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The warm-up's CPU boost: the lab's service runs its warm-up under a larger CFS quota than its
 * budget, and every trial under the budget. Why: under a quarter of a CPU here a cold JVM's
 * compiler threads took the whole quota, every warm-up rate fell behind down to 3 req/s, and the
 * search "found" 1 req/s; under half a CPU 60 s of warm-up left a JVM that still spent 1.23 ms of
 * CPU a request (against 0.6 ms warm) and the search found 375 req/s against 800-825 after a longer
 * warm-up (docs/search.md, "Measured"). The JIT compiles what the requests make hot, whatever the
 * quota; the quota only decides how long it takes. The JVM's processor count stays the budget's
 * (it is fixed at start), so its thread pools and collector are those the trials measure. The
 * same idea as Kubernetes' in-place resize of a pod's CPU used by kube-startup-cpu-boost.
 *
 * @param budgetCores the service's CPU budget, which every trial runs under
 * @param warmupCores the quota during the warm-up (at least the budget)
 * @param mechanism how the quota is applied ({@code cgroup-v2} or {@code cgroup-v1})
 * @param quota sets the service's quota, in cores
 */
record WarmupBoost(double budgetCores, double warmupCores, String mechanism, Quota quota) {

    /** The service's CPU quota, in cores. */
    interface Quota {
        /** For the warm-up: the budget on record does not change. */
        void set(double cores) throws IOException;

        /**
         * For the rest of the run, on record (run.json {@code lab.cpu_budget}, which the sizer reads);
         * false when the run does not allow it (-Dheadroom.budget-to-host=off), as by default.
         */
        default boolean lower(double cores, String why) throws IOException {
            return false;
        }
    }

    WarmupBoost {
        if (!(budgetCores > 0) || !(warmupCores >= budgetCores))
            throw new IllegalArgumentException(
                    "a boost needs a budget > 0 and a warm-up quota >= it, got " + budgetCores + ", " + warmupCores);
    }

    /**
     * The warm-up's quota: {@link #HOST_SHARE} of the host's cores, or the budget if that is more.
     * The rest is for the database and the injector: at the warm-up's top rate of 800 req/s they
     * used 0.57-0.59 cores together on a 2-core host (2026-12-06), so 0.6 of its 2 cores hold them.
     */
    static double warmupCores(double budgetCores, int hostCores) {
        return Math.max(budgetCores, HOST_SHARE * hostCores);
    }

    /**
     * Seven tenths, not half: one C2 compiler thread (a JVM with one processor has one, JDK's
     * CICompilerCount ergonomics) and the requests share the quota. Measured 2026-12-06 on a 2-core
     * Intel Xeon, quick's warm-up (60 s of 10 s windows): on 1 core the service used 0.95-0.99 cores
     * from 400 req/s on and its last window cost 1.24 ms of CPU a request; on 1.4 cores, in three
     * runs, it peaked at 0.98-1.06 cores and the last window cost 0.74-0.88 ms (about 0.5 ms warm).
     * One run before, three after (docs/search.md, "Measured, 2026-12-06, Intel").
     */
    static final double HOST_SHARE = 0.7;

    /** Whether the warm-up runs on more CPU than the trials (false with -Dheadroom.warmup-boost=off). */
    boolean raises() {
        return warmupCores > budgetCores;
    }

    Map<String, Object> runJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("budget_cores", budgetCores);
        m.put("warmup_cores", warmupCores);
        m.put("mechanism", mechanism);
        return m;
    }
}
