package dev.headroom.sizing;

/**
 * The connection pool: how many connections one replica needs, and whether all replicas together
 * fit the database's max_connections.
 */
public final class ConnectionPool {
    /**
     * The chance a request may have to wait for a connection at the replica's highest in-SLO rate.
     * Waiting is what HikariCP's "connection acquire" time measures; one request in twenty waiting
     * (briefly, since connections are held for milliseconds) keeps the pool small, as the HikariCP
     * wiki urges, without making waiting the norm.
     */
    public static final double WAIT_PROBABILITY = 0.05;

    private ConnectionPool() {}

    /**
     * Connections in use, by Little's law L = λ·W (Little, 1961): requests per second times the
     * seconds each holds a connection.
     */
    public static double connectionsInUse(double rps, double holdSeconds) {
        return rps * holdSeconds;
    }

    /**
     * The probability that a request finds every one of {@code servers} busy, the Erlang C formula
     * for an M/M/c queue with offered load {@code erlangs} = λ/μ (A. K. Erlang, 1917; Kleinrock,
     * Queueing Systems vol. 1, 1975, eq. 3.40), computed through the Erlang B recursion
     * B(k) = A·B(k−1) / (k + A·B(k−1)), C = c·B / (c − A·(1 − B)), which never overflows.
     */
    public static double erlangC(int servers, double erlangs) {
        if (servers < 1) throw new IllegalArgumentException("servers must be >= 1");
        if (!(erlangs >= 0)) throw new IllegalArgumentException("offered load must be >= 0");
        if (erlangs >= servers) return 1.0; // unstable: every request waits, eventually forever
        double b = 1.0;
        for (int k = 1; k <= servers; k++) b = erlangs * b / (k + erlangs * b);
        return servers * b / (servers - erlangs * (1 - b));
    }

    /** The smallest pool whose Erlang C waiting probability at {@code erlangs} is at most {@code p}. */
    public static int poolFor(double erlangs, double p) {
        int c = Math.max(1, (int) Math.ceil(erlangs));
        while (erlangC(c, erlangs) > p) c++;
        return c;
    }

    /**
     * The connections a whole database keeps usefully busy at once: HikariCP's "About Pool Sizing"
     * (quoting the PostgreSQL wiki), connections = (core_count × 2) + effective_spindle_count. The
     * formula bounds the <em>database's</em> concurrently active connections, summed over every
     * client, and counts the database server's <em>physical cores</em>, not one replica's pool nor
     * vCPUs. Storage on RDS is SSD and the working set here is cached, which the wiki counts as zero
     * spindles. Beyond it, extra active connections queue inside the database instead of in the pool:
     * a finding, never a reason to reject a class whose CPU carries the load.
     *
     * @param dbPhysicalCores the database server's physical cores ({@link DbClass#physicalCores})
     */
    public static int usefulActiveConnectionsPerDatabase(int dbPhysicalCores) {
        if (dbPhysicalCores < 1) throw new IllegalArgumentException("a database has at least one core");
        return dbPhysicalCores * 2;
    }

    /**
     * Connections active at once across every replica at {@code fleetRps} requests per second, by
     * Little's law over the whole fleet: the database sees the sum of every pool's busy connections,
     * whatever the number or size of the replicas.
     */
    public static double activeConnectionsFleetWide(double fleetRps, double holdSeconds) {
        return connectionsInUse(fleetRps, holdSeconds);
    }

    /**
     * Connections all replicas may open at once: during a rolling update at max replicas the
     * surge pods open their pools before the old ones close.
     */
    public static int connectionsNeeded(int maxReplicas, int surgeReplicas, int poolSize, int reserved) {
        return (maxReplicas + surgeReplicas) * poolSize + reserved;
    }
}
