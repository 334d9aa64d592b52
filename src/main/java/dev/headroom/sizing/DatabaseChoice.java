package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The connection pool and database for one compute plan. The pool is per replica (Little's law and
 * Erlang C on the measured hold time); the database class is per database, chosen on what the
 * whole fleet asks of it: its CPU at the peak (at the request's target utilization and within a
 * burstable class's credit baseline) and its max_connections for every replica's pool. Without a
 * measured database CPU no class is chosen: the plan then states the connections it needs.
 *
 * @param dbClass the chosen class; empty when the database's CPU was not measured
 * @param maxConnections the limit the connection budget was checked against; empty when none is known
 * @param maxReplicas the plan's max replicas after the connection budget's cap
 * @param dbBasis why this class (or why none): for the report
 * @param rejected each cheaper class passed over, and why
 */
public record DatabaseChoice(
        Optional<DbClass> dbClass,
        Optional<MaxConnections> maxConnections,
        int poolSize,
        String poolBasis,
        double connectionsPerReplica,
        int maxReplicas,
        int connectionsNeeded,
        double usdPerMonth,
        String dbBasis,
        List<String> rejected) {

    public DatabaseChoice {
        rejected = List.copyOf(rejected);
    }

    /** The pool one replica wants, and why. */
    record PoolWant(int size, double erlangs, String basis) {}

    static PoolWant poolWant(PlanInputs in, double replicaCeilingRps, int testedPoolSize) {
        if (Double.isNaN(in.connHoldSeconds())) {
            int size = testedPoolSize > 0 ? testedPoolSize : HIKARI_DEFAULT_POOL;
            return new PoolWant(
                    size,
                    Double.NaN,
                    "connection hold time not measured in any unsaturated step: the pool the test ran with (" + size
                            + ") is kept");
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
     * Chooses the class for a plan that runs {@code replicasRunning} replicas at the peak and wants
     * up to {@code maxReplicasWanted}; an empty choice means no class fits, with the reasons.
     */
    static Result choose(
            PlanInputs in,
            Platform platform,
            int replicasRunning,
            int maxReplicasWanted,
            PoolWant want,
            List<DbClass> candidates,
            PriceTable prices) {
        SizingRequest.DatabaseRequest db = in.request().database();
        if (in.dbDemand().isEmpty()) return unmeasured(in, platform, replicasRunning, maxReplicasWanted, want);
        ServiceDemand demand = in.dbDemand().get();
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
            double needed = demand.coresFor(in.request().peakRps(), db.targetCpuUtilization(), speed);
            if (needed > c.vcpus()) {
                rejected.add(String.format(
                        "%s: the peak needs %.2f vCPU at %.0f %% DB CPU, it has %d",
                        c.name(), needed, db.targetCpuUtilization() * 100, c.vcpus()));
                continue;
            }
            double sustained = demand.coresAt(sustainedRps) / (speed * c.vcpus());
            if (c.burstable() && sustained > c.baselineCpuFraction()) {
                rejected.add(String.format(
                        "%s: sustained DB CPU %.0f %% is above its credit baseline %.0f %%",
                        c.name(), sustained * 100, c.baselineCpuFraction() * 100));
                continue;
            }
            MaxConnections maxConn = db.maxConnections().isPresent()
                    ? RdsMaxConnections.configured(c, db.maxConnections().getAsInt())
                    : RdsMaxConnections.estimate(c);
            Budget budget = Budget.fit(platform, replicasRunning, maxReplicasWanted, want.size(), db, maxConn.value());
            if (budget.needed() > maxConn.value()) {
                rejected.add(c.name() + ": " + budget.describe(platform, want.size(), db, maxConn.value()));
                continue;
            }
            double monthly = prices.rds(c.name())
                    .map(p -> p.usdPerHour() * Plan.Cost.HOURS_PER_MONTH)
                    .orElse(Double.NaN);
            String basis = String.format(
                    "%s carries the peak's %.2f vCPU of database work at %.0f %% DB CPU (%d vCPU)%s, and its"
                            + " max_connections %d holds %d",
                    c.name(),
                    needed,
                    db.targetCpuUtilization() * 100,
                    c.vcpus(),
                    c.burstable()
                            ? String.format(
                                    ", sustained %.0f %% within its %.0f %% credit baseline",
                                    sustained * 100, c.baselineCpuFraction() * 100)
                            : "",
                    maxConn.value(),
                    budget.needed());
            return new Result(
                    Optional.of(new DatabaseChoice(
                            Optional.of(c),
                            Optional.of(maxConn),
                            want.size(),
                            want.basis(),
                            want.erlangs(),
                            budget.maxReplicas(),
                            budget.needed(),
                            monthly,
                            rejected.isEmpty() ? basis : basis + "; cheaper classes were passed over",
                            rejected)),
                    rejected);
        }
        return new Result(Optional.empty(), rejected);
    }

    /**
     * No database CPU: no class is chosen (a class picked on connections alone would look measured
     * in the Terraform variables). The budget is checked against a max_connections the request
     * names; otherwise the plan states what the database must accept.
     */
    private static Result unmeasured(
            PlanInputs in, Platform platform, int replicasRunning, int maxReplicasWanted, PoolWant want) {
        SizingRequest.DatabaseRequest db = in.request().database();
        OptionalInt limit = db.maxConnections();
        int cap = limit.isPresent() ? limit.getAsInt() : Integer.MAX_VALUE;
        Budget budget = Budget.fit(platform, replicasRunning, maxReplicasWanted, want.size(), db, cap);
        if (budget.needed() > cap)
            return new Result(
                    Optional.empty(),
                    List.of("the request's max_connections: " + budget.describe(platform, want.size(), db, cap)));
        String basis = "db_cpu_cores was not measured, so no DB class is chosen (the database stays as it is);"
                + " it must accept " + budget.needed() + " connections"
                + (limit.isPresent() ? ", within the request's max_connections " + cap : "");
        return new Result(
                Optional.of(new DatabaseChoice(
                        Optional.empty(),
                        limit.isPresent()
                                ? Optional.of(new MaxConnections(cap, cap, "the request's max_connections"))
                                : Optional.empty(),
                        want.size(),
                        want.basis(),
                        want.erlangs(),
                        budget.maxReplicas(),
                        budget.needed(),
                        Double.NaN,
                        basis,
                        List.of())),
                List.of());
    }

    static int connections(Platform platform, int maxReplicas, int pool, int reserved) {
        return ConnectionPool.connectionsNeeded(
                maxReplicas, Rollout.surgeReplicas(platform, maxReplicas), pool, reserved);
    }

    /** Max replicas lowered (never below the replicas running at the peak) until the pools fit. */
    private record Budget(int maxReplicas, int needed) {
        static Budget fit(
                Platform platform,
                int replicasRunning,
                int maxReplicasWanted,
                int pool,
                SizingRequest.DatabaseRequest db,
                int maxConnections) {
            int reserved = db.reservedConnections();
            int wanted = connections(platform, maxReplicasWanted, pool, reserved);
            if (wanted <= maxConnections) return new Budget(maxReplicasWanted, wanted);
            // The connections grow with max replicas (the surge with them): the largest count that
            // fits, by bisection, never below the replicas running at the peak.
            int lo = replicasRunning, hi = maxReplicasWanted;
            while (lo < hi) {
                int mid = lo + (hi - lo + 1) / 2;
                if (connections(platform, mid, pool, reserved) <= maxConnections) lo = mid;
                else hi = mid - 1;
            }
            return new Budget(lo, connections(platform, lo, pool, reserved));
        }

        String describe(Platform platform, int pool, SizingRequest.DatabaseRequest db, int maxConnections) {
            return String.format(
                    "%d replicas (+%d rollout surge) x pool %d + %d reserved = %d connections > max_connections %d",
                    maxReplicas,
                    Rollout.surgeReplicas(platform, maxReplicas),
                    pool,
                    db.reservedConnections(),
                    needed,
                    maxConnections);
        }
    }

    /** The choice, if any, and why each cheaper class was passed over. */
    record Result(Optional<DatabaseChoice> choice, List<String> rejected) {}
}
