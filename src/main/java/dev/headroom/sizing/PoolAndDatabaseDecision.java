package dev.headroom.sizing;

/**
 * The pool and DB-class decisions of the recommendation, with their reasoning: per replica (Little's
 * law, Erlang C), per database (the class, each cheaper class passed over and why) and the
 * fleet-wide HikariCP check, which is a finding and never a rejection.
 */
final class PoolAndDatabaseDecision {
    private PoolAndDatabaseDecision() {}

    static void log(Plan p, PlanInputs in, SizingLog log) {
        Plan.Reasons r = p.reasons();
        SizingRequest req = in.request();
        String fleet;
        if (Double.isNaN(r.activeConnectionsAtPeak())) {
            fleet = "The connection hold time was not measured in any unsaturated step, so the connections active at"
                    + " the peak are unknown"
                    + " and the fleet-wide check against the database's cores is not made.";
        } else if (r.dbUsefulActiveConnections() == 0) {
            fleet = String.format(
                    "At the peak %.1f connections are active at once across every replica (%.0f req/s x %.2f ms);"
                            + " no DB class was chosen, so they are not checked against its cores.",
                    r.activeConnectionsAtPeak(), req.peakRps(), in.connHoldSeconds() * 1000);
        } else {
            boolean above = r.activeConnectionsAtPeak() > r.dbUsefulActiveConnections();
            fleet = String.format(
                    "At the peak %.1f connections are active at once across every replica (%.0f req/s x %.2f ms), %s"
                            + " the %d that %s's physical cores keep usefully busy (cores x 2, HikariCP).",
                    r.activeConnectionsAtPeak(),
                    req.peakRps(),
                    in.connHoldSeconds() * 1000,
                    above ? "above" : "within",
                    r.dbUsefulActiveConnections(),
                    p.dbClass());
            if (above)
                log.find(Finding.warning(
                        FindingCode.POOL_ABOVE_DB_CORES,
                        String.format(
                                "at the %.0f req/s peak, %.1f connections are active at once across all replicas,"
                                        + " more than the %d that %s's physical cores work on usefully (cores x 2 +"
                                        + " spindles, HikariCP \"About Pool Sizing\"): the extra ones queue inside the"
                                        + " database instead of in the pools. Fewer, busier connections (smaller"
                                        + " pools) hold latency as well or better; a larger class only if the"
                                        + " database's CPU or latency suffers. The class stays: its CPU carries the"
                                        + " load.",
                                req.peakRps(),
                                r.activeConnectionsAtPeak(),
                                r.dbUsefulActiveConnections(),
                                p.dbClass())));
        }
        log.decide(Decision.named("pool")
                .input("conn_hold_ms", in.connHoldSeconds() * 1000)
                .input("wait_probability", ConnectionPool.WAIT_PROBABILITY)
                .input("peak_rps", req.peakRps())
                .formula("per replica: Little's law L = X x W at the replica's highest in-SLO rate, then the smallest"
                        + " pool whose Erlang C P(wait) <= " + Math.round(ConnectionPool.WAIT_PROBABILITY * 100)
                        + " %; per database: peak x W over every replica against (physical cores x 2) of the DB class"
                        + " (HikariCP, About Pool Sizing), a finding beyond it")
                .result("pool_size", p.poolSize())
                .result("connections_per_replica", r.connectionsPerReplica())
                .result("active_connections_at_peak", r.activeConnectionsAtPeak())
                .result("db_useful_active_connections", r.dbUsefulActiveConnections())
                .because(r.poolBasis() + ". " + fleet));
        log.decide(Decision.named("db_class")
                .input("target_cpu_utilization", req.database().targetCpuUtilization())
                .input(
                        "db_cpu_ms_per_request",
                        in.dbDemand().map(d -> d.cpuSecondsPerRequest() * 1000).orElse(Double.NaN))
                .formula("the cheapest class whose vCPUs carry the peak's database CPU at the target utilization,"
                        + " within a burstable class's credit baseline, and whose max_connections holds (max replicas"
                        + " + rollout surge) x pool + reserved")
                .result("db_class", p.dbClass().isEmpty() ? "not chosen" : p.dbClass())
                .result("db_max_connections", p.dbMaxConnections())
                .result("connections_needed", p.connectionsNeeded())
                .result("rejected", r.dbRejected())
                .because(r.dbBasis()
                        + (r.dbRejected().isEmpty()
                                ? "."
                                : ". Passed over: " + String.join("; ", r.dbRejected()) + ".")));
    }
}
