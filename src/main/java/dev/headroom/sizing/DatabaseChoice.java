package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The database class and connection pool for one compute plan: the smallest (or cheapest) class
 * whose CPU carries the database's share of the peak and whose max_connections holds every
 * replica's pool, with max replicas capped by that budget when the peak allows.
 *
 * @param maxReplicas the plan's max replicas after the connection budget's cap
 */
public record DatabaseChoice(
        DbClass dbClass,
        MaxConnections maxConnections,
        int poolSize,
        String poolBasis,
        int maxReplicas,
        int connectionsNeeded,
        double usdPerMonth) {

    /** The pool one replica wants before any database caps it, and why. */
    record PoolWant(int size, double erlangs, String basis) {}

    static PoolWant poolWant(PlanInputs in, double replicaCeilingRps, int testedPoolSize) {
        if (Double.isNaN(in.connHoldSeconds())) {
            int size = testedPoolSize > 0 ? testedPoolSize : HIKARI_DEFAULT_POOL;
            return new PoolWant(
                    size,
                    Double.NaN,
                    "connection hold time not measured: the pool the test ran with (" + size + ") is kept");
        }
        double erlangs = ConnectionPool.connectionsInUse(replicaCeilingRps, in.connHoldSeconds());
        int size = Math.max(2, ConnectionPool.poolFor(erlangs, ConnectionPool.WAIT_PROBABILITY));
        return new PoolWant(
                size,
                erlangs,
                String.format(
                        "Little's law L = X*W = %.1f req/s x %.2f ms = %.2f connections in use at the replica's"
                                + " highest in-SLO rate; Erlang C: %d connections keep P(wait) <= %.0f %%",
                        replicaCeilingRps,
                        in.connHoldSeconds() * 1000,
                        erlangs,
                        size,
                        ConnectionPool.WAIT_PROBABILITY * 100));
    }

    /** HikariCP's maximumPoolSize default. */
    static final int HIKARI_DEFAULT_POOL = 10;

    /**
     * Chooses the class for a plan that needs {@code replicasForPeak} replicas at the peak and wants
     * up to {@code maxReplicasWanted}; empty classes list means no class fits, with the reasons.
     */
    static Result choose(
            PlanInputs in,
            Platform platform,
            int replicasForPeak,
            int maxReplicasWanted,
            PoolWant want,
            List<DbClass> candidates,
            PriceTable prices) {
        SizingRequest.DatabaseRequest db = in.request().database();
        // Priced classes first, cheapest first; then the unpriced ones, smallest first.
        Comparator<DbClass> order = Comparator.comparing(
                        (DbClass c) -> prices.rds(c.name()).isEmpty())
                .thenComparingDouble(
                        c -> prices.rds(c.name()).map(p -> p.usdPerHour()).orElse(0.0))
                .thenComparingInt(DbClass::vcpus)
                .thenComparingDouble(DbClass::memoryGib);
        List<String> rejected = new ArrayList<>();
        double sustainedRps = Double.isNaN(in.request().baselineRps())
                ? in.request().peakRps()
                : in.request().baselineRps();
        for (DbClass c : candidates.stream().sorted(order).toList()) {
            double speed = in.speedOf(c.hardware().coremarkPerVcpu());
            if (in.dbDemand().isPresent()) {
                double needed = in.dbDemand().get().coresFor(in.request().peakRps(), db.targetCpuUtilization(), speed);
                if (needed > c.vcpus()) {
                    rejected.add(String.format(
                            "%s: the peak needs %.2f vCPU at %.0f %% DB CPU, it has %d",
                            c.name(), needed, db.targetCpuUtilization() * 100, c.vcpus()));
                    continue;
                }
                if (c.burstable()) {
                    double sustained = in.dbDemand().get().coresAt(sustainedRps) / (speed * c.vcpus());
                    if (sustained > c.baselineCpuFraction()) {
                        rejected.add(String.format(
                                "%s: sustained DB CPU %.0f %% is above its credit baseline %.0f %%",
                                c.name(), sustained * 100, c.baselineCpuFraction() * 100));
                        continue;
                    }
                }
            }
            MaxConnections maxConn = db.maxConnections().isPresent()
                    ? RdsMaxConnections.configured(c, db.maxConnections().getAsInt())
                    : RdsMaxConnections.estimate(c);
            int pool = want.size();
            String poolBasis = want.basis();
            int ceiling = ConnectionPool.hikariCeiling(c.vcpus());
            if (pool > ceiling) {
                if (!Double.isNaN(want.erlangs()) && want.erlangs() >= ceiling) {
                    rejected.add(String.format(
                            "%s: a replica keeps %.1f connections busy, more than its %d vCPUs justify (2 x cores)",
                            c.name(), want.erlangs(), c.vcpus()));
                    continue;
                }
                pool = ceiling;
                poolBasis += "; capped at " + ceiling + " by HikariCP's (cores x 2) for " + c.vcpus() + " DB vCPUs";
            }
            int maxReplicas = maxReplicasWanted;
            int needed = connections(platform, maxReplicas, pool, db.reservedConnections());
            while (needed > maxConn.value() && maxReplicas > replicasForPeak) {
                maxReplicas--;
                needed = connections(platform, maxReplicas, pool, db.reservedConnections());
            }
            if (needed > maxConn.value()) {
                rejected.add(String.format(
                        "%s: %d replicas (+%d rollout surge) x pool %d + %d reserved = %d connections > max_connections %d",
                        c.name(),
                        maxReplicas,
                        Rollout.surgeReplicas(platform, maxReplicas),
                        pool,
                        db.reservedConnections(),
                        needed,
                        maxConn.value()));
                continue;
            }
            double monthly = prices.rds(c.name())
                    .map(p -> p.usdPerHour() * Plan.Cost.HOURS_PER_MONTH)
                    .orElse(Double.NaN);
            return new Result(
                    Optional.of(new DatabaseChoice(c, maxConn, pool, poolBasis, maxReplicas, needed, monthly)),
                    rejected);
        }
        return new Result(Optional.empty(), rejected);
    }

    static int connections(Platform platform, int maxReplicas, int pool, int reserved) {
        return ConnectionPool.connectionsNeeded(
                maxReplicas, Rollout.surgeReplicas(platform, maxReplicas), pool, reserved);
    }

    /** The choice, if any, and why each smaller or cheaper class was passed over. */
    record Result(Optional<DatabaseChoice> choice, List<String> rejected) {}
}
