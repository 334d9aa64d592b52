package dev.headroom.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sizing's recommended plan as sizing.json wrote it, reduced to what someone deploying it sets:
 * the type and count of nodes, replicas, the pool, the database class and the autoscaling target.
 */
public record Recommendation(
        String platform,
        String capacityType,
        int nodesForPeak,
        int minReplicas,
        int replicasForPeak,
        int maxReplicas,
        int poolSize,
        String dbClass,
        double cpuTargetUtilization) {

    static Optional<Recommendation> of(JsonNode sizing) {
        JsonNode p = sizing.path("recommendation");
        if (!p.isObject()) return Optional.empty();
        return Optional.of(new Recommendation(
                RunEnvironment.text(p.path("platform")),
                RunEnvironment.text(p.path("capacity_type")),
                p.path("nodes_for_peak").asInt(0),
                p.path("min_replicas").asInt(0),
                p.path("replicas_for_peak").asInt(0),
                p.path("max_replicas").asInt(0),
                p.path("pool_size").asInt(0),
                RunEnvironment.text(p.path("db_class")),
                RunEnvironment.number(p.path("cpu_target_utilization"))));
    }

    /** "3 × t3a.small, replicas 3/4/5, pool 4, db.t3.micro, CPU target 69 %". */
    public String brief() {
        return String.format(
                Locale.ROOT,
                "%d × %s, replicas %d/%d/%d, pool %d, %s, CPU target %.0f %%",
                nodesForPeak,
                capacityType,
                minReplicas,
                replicasForPeak,
                maxReplicas,
                poolSize,
                dbClass,
                cpuTargetUtilization * 100);
    }

    /**
     * What changed from {@code before} to this, one phrase per setting ("one more node (3 → 4)",
     * "pool 4 → 5"); empty when the plan is the same.
     */
    public List<String> changesFrom(Recommendation before) {
        List<String> out = new ArrayList<>();
        if (!platform.equals(before.platform)) out.add("platform " + before.platform + " → " + platform);
        if (!capacityType.equals(before.capacityType))
            out.add("instance type " + before.capacityType + " → " + capacityType);
        count(out, "node", before.nodesForPeak, nodesForPeak, "at peak");
        count(out, "replica", before.replicasForPeak, replicasForPeak, "at peak");
        if (before.minReplicas != minReplicas || before.maxReplicas != maxReplicas)
            out.add("replicas min–max " + before.minReplicas + "–" + before.maxReplicas + " → " + minReplicas + "–"
                    + maxReplicas);
        if (before.poolSize != poolSize)
            out.add((poolSize > before.poolSize ? "a larger" : "a smaller") + " pool (" + before.poolSize + " → "
                    + poolSize + " per replica)");
        if (!dbClass.equals(before.dbClass)) out.add("database class " + before.dbClass + " → " + dbClass);
        if (Math.round(before.cpuTargetUtilization * 100) != Math.round(cpuTargetUtilization * 100))
            out.add(String.format(
                    Locale.ROOT,
                    "CPU target %.0f %% → %.0f %%",
                    before.cpuTargetUtilization * 100,
                    cpuTargetUtilization * 100));
        return out;
    }

    private static void count(List<String> out, String what, int before, int after, String where) {
        if (before == after) return;
        int d = after - before;
        String n = Math.abs(d) == 1 ? "one" : Integer.toString(Math.abs(d));
        out.add(n + (d > 0 ? " more " : " fewer ") + what + (Math.abs(d) == 1 ? "" : "s") + " " + where + " (" + before
                + " → " + after + ")");
    }
}
