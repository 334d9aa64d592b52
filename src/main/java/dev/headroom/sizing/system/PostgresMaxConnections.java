package dev.headroom.sizing.system;

import dev.headroom.sizing.DbClass;
import dev.headroom.sizing.MaxConnections;
import dev.headroom.sizing.RdsMaxConnections;
import java.util.List;

/**
 * RDS for PostgreSQL's default {@code max_connections}, {@code LEAST({DBInstanceClassMemory/9531392},
 * 5000)} in the default parameter group; static, a change needs a reboot.
 *
 * <p>DBInstanceClassMemory is the class's memory less what the OS and RDS's own processes keep,
 * "always somewhat lower" than the class table, and AWS publishes no per-class value. The estimate
 * takes the share of nominal memory left to the database from the values observed for RDS for MySQL
 * on db.t2 classes (66, 150, 312 and 648 connections at 1, 2, 4 and 8 GiB, so DBInstanceClassMemory
 * = value x 12582880 bytes: 77 %, 88 %, 91 % and 95 % of nominal), at the largest observed memory
 * not above the class's, and applies PostgreSQL's divisor. The same RDS host overhead is assumed for
 * both engines: an estimate, said so in the basis; a value from the parameter group always wins.
 *
 * @see "AWS Prescriptive Guidance, Tuning PostgreSQL parameters in Amazon RDS and Amazon Aurora:
 *     max_connections (shared/reference/capacity-facts.md, RDS for PostgreSQL max_connections)"
 * @see "Amazon RDS User Guide, Specifying DB parameters: DBInstanceClassMemory"
 */
public final class PostgresMaxConnections {
    /** The divisor of the default formula, in bytes. */
    public static final long BYTES_PER_CONNECTION = 9_531_392L;

    /** The formula's cap. */
    public static final int CAP = 5000;

    private static final double BYTES_PER_GIB = 1024.0 * 1024 * 1024;

    /** RDS for MySQL's observed defaults (see {@link RdsMaxConnections}): nominal GiB and value. */
    private static final List<double[]> OBSERVED_MYSQL =
            List.of(new double[] {1, 66}, new double[] {2, 150}, new double[] {4, 312}, new double[] {8, 648});

    private PostgresMaxConnections() {}

    /** The formula on nominal memory, as if the database had all of it: 1 GiB 112, 16 GiB 1802, 64 GiB 5000. */
    public static int upperBound(double memoryGib) {
        if (!(memoryGib > 0) || Double.isInfinite(memoryGib))
            throw new IllegalArgumentException("memoryGib must be > 0, was " + memoryGib);
        return (int) Math.min(CAP, Math.floor(memoryGib * BYTES_PER_GIB / BYTES_PER_CONNECTION));
    }

    /** The default formula on a DBInstanceClassMemory in bytes. */
    public static int ofClassMemory(double dbInstanceClassMemoryBytes) {
        return (int) Math.min(CAP, Math.floor(dbInstanceClassMemoryBytes / BYTES_PER_CONNECTION));
    }

    /**
     * DBInstanceClassMemory estimated for {@code memoryGib} of nominal memory: the share the database
     * kept at the largest observed memory not above it.
     *
     * @throws IllegalArgumentException below 1 GiB, where nothing was observed to scale from
     */
    static double classMemoryBytes(double memoryGib) {
        double[] from = null;
        for (double[] o : OBSERVED_MYSQL) if (o[0] <= memoryGib) from = o;
        if (from == null)
            throw new IllegalArgumentException("no estimate of DBInstanceClassMemory below 1 GiB, was " + memoryGib
                    + " GiB: set max_connections from the DB parameter group");
        double share = from[1] * RdsMaxConnections.BYTES_PER_CONNECTION / (from[0] * BYTES_PER_GIB);
        return share * memoryGib * BYTES_PER_GIB;
    }

    public static MaxConnections estimate(DbClass dbClass) {
        int bound = upperBound(dbClass.memoryGib());
        double bytes = classMemoryBytes(dbClass.memoryGib());
        int value = ofClassMemory(bytes);
        return new MaxConnections(
                value,
                bound,
                String.format(
                        "RDS for PostgreSQL default LEAST({DBInstanceClassMemory/9531392}, 5000) for %s (%s GiB):"
                                + " about %d, with DBInstanceClassMemory estimated at %.0f MiB (the share of"
                                + " nominal memory RDS for MySQL left on db.t2 classes); at most %d if the database"
                                + " had all of the nominal memory",
                        dbClass.name(), trim(dbClass.memoryGib()), value, bytes / (1024 * 1024), bound));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
