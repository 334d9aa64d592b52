package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What would make a plan's connections fit max_connections, each checked against the load. */
final class ConnectionFixes {
    private ConnectionFixes() {}

    /**
     * @param holdSeconds the measured connection hold time; NaN when not measured
     * @param replicaCeilingRps what one replica carries within the SLO; NaN when unknown
     */
    static List<String> suggest(
            SizingRequest request,
            double holdSeconds,
            int maxReplicas,
            int pool,
            int maxConnections,
            double replicaCeilingRps,
            DbClassCatalog dbClasses) {
        Platform platform = request.platform();
        int reserved = request.database().reservedConnections();
        List<String> fixes = new ArrayList<>();
        int surge = Rollout.surgeReplicas(platform, maxReplicas);
        int smallerPool = (maxConnections - reserved) / (maxReplicas + surge);
        int poolNeeded = Double.isNaN(holdSeconds) || Double.isNaN(replicaCeilingRps)
                ? 1
                : ConnectionPool.poolFor(
                        ConnectionPool.connectionsInUse(replicaCeilingRps, holdSeconds),
                        ConnectionPool.WAIT_PROBABILITY);
        if (smallerPool >= Math.max(1, poolNeeded) && smallerPool < pool) {
            fixes.add("a pool of " + smallerPool + " (the measured hold time needs " + poolNeeded + " per replica)");
        }
        int needed = ConnectionPool.connectionsNeeded(maxReplicas, surge, pool, reserved);
        dbClasses.all().stream()
                .filter(c -> RdsMaxConnections.estimate(c).value() >= needed)
                .min(Comparator.comparingDouble(DbClass::memoryGib).thenComparingInt(DbClass::vcpus))
                .ifPresent(c -> fixes.add("a larger DB class such as " + c.name() + " (max_connections about "
                        + RdsMaxConnections.estimate(c).value() + ")"));
        int fewer = maxReplicas;
        while (fewer > 0 && DatabaseChoice.connections(platform, fewer, pool, reserved) > maxConnections) fewer--;
        if (fewer > 0 && fewer * replicaCeilingRps >= request.peakRps()) {
            fixes.add(
                    "max replicas " + fewer + " (still carries the " + Math.round(request.peakRps()) + " req/s peak)");
        }
        fixes.add("a connection proxy (RDS Proxy) that multiplexes the pools onto fewer database connections");
        return fixes;
    }
}
