package dev.headroom.sizing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * RDS for MySQL's default {@code max_connections}, {@code {DBInstanceClassMemory/12582880}} in the
 * default DB parameter group (Amazon RDS User Guide, RDS for MySQL). DBInstanceClassMemory is the
 * memory left to the database after the operating system and RDS's own processes, always below the
 * class's nominal memory, and AWS publishes no per-class table of it: nominal memory gives only an
 * upper bound, and a plan needs an estimate that errs low, because a pool that is too big meets "Too
 * many connections" in production.
 *
 * <p>The estimate rests on values observed on db.t2 classes; current classes may keep a different
 * share for themselves. The basis says so, and a value read from the DB's parameter group
 * ({@link #configured}) always beats it.
 */
public final class RdsMaxConnections {
    /** The divisor in the default parameter group's formula, in bytes. */
    public static final long BYTES_PER_CONNECTION = 12_582_880L;

    /**
     * Self-managed MySQL's default (MySQL 8.0 Reference Manual, "Server System Variables",
     * max_connections), for a database that is not on RDS.
     */
    public static final int SELF_MANAGED_MYSQL_DEFAULT = 151;

    private static final double BYTES_PER_GIB = 1024.0 * 1024 * 1024;

    /** Values seen on RDS classes of known nominal memory; historical, since AWS publishes none for current classes. */
    private record Observation(String dbClass, double memoryGib, int maxConnections) {}

    private static final List<Observation> OBSERVED = List.of(
            new Observation("db.t2.micro", 1, 66),
            new Observation("db.t2.small", 2, 150),
            new Observation("db.t2.medium", 4, 312),
            new Observation("db.t2.large", 8, 648));

    private RdsMaxConnections() {}

    /**
     * The formula applied to nominal memory, as if the database got all of it: 1 GiB gives 85,
     * 16 GiB 1365. Real defaults are lower.
     */
    public static int upperBound(double memoryGib) {
        requirePositive(memoryGib);
        return (int) Math.floor(memoryGib * BYTES_PER_GIB / BYTES_PER_CONNECTION);
    }

    /**
     * A conservative estimate of the default. Where a value was observed for this nominal memory, it
     * is that value. Otherwise it is the observation at the largest memory not above this one, scaled
     * in proportion to memory: that keeps the overhead's share of memory, while the observed
     * overhead grew far slower than memory (about 0.23 GiB at 1 GiB, 0.41 GiB at 8 GiB), so the
     * estimate undershoots. It never exceeds {@link #upperBound}, because no observation does.
     *
     * @throws IllegalArgumentException below the smallest observed memory (1 GiB), where the share
     *     of memory lost to overhead is larger than anything observed and there is nothing to scale from
     */
    public static MaxConnections estimate(double memoryGib) {
        return estimate(memoryGib, gib(memoryGib));
    }

    public static MaxConnections estimate(DbClass dbClass) {
        return estimate(dbClass.memoryGib(), dbClass.name() + " (" + gib(dbClass.memoryGib()) + ")");
    }

    /** The value set in the DB's parameter group, which overrides the default; the sizer must accept it. */
    public static MaxConnections configured(DbClass dbClass, int maxConnections) {
        int bound = upperBound(dbClass.memoryGib());
        return new MaxConnections(
                maxConnections,
                bound,
                "max_connections " + maxConnections + " as set in the DB parameter group of " + dbClass.name()
                        + "; the RDS default would be at most " + bound);
    }

    private static MaxConnections estimate(double memoryGib, String what) {
        int bound = upperBound(memoryGib);
        String formula = "RDS for MySQL default {DBInstanceClassMemory/12582880} for " + what + ": ";
        String tail = "; at most " + bound + " if the database had all of the nominal memory";
        Optional<Observation> same =
                OBSERVED.stream().filter(o -> o.memoryGib() == memoryGib).findFirst();
        if (same.isPresent()) {
            Observation o = same.get();
            return new MaxConnections(
                    o.maxConnections(), bound, formula + o.maxConnections() + " as observed on " + o.dbClass() + tail);
        }
        Observation from = OBSERVED.stream()
                .filter(o -> o.memoryGib() < memoryGib)
                .max(Comparator.comparingDouble(Observation::memoryGib))
                .orElseThrow(() -> new IllegalArgumentException("no estimate of max_connections below "
                        + gib(OBSERVED.get(0).memoryGib()) + ", the smallest observed; was " + gib(memoryGib)
                        + ". Use the value from the DB parameter group."));
        int value = (int) Math.floor(from.maxConnections() * memoryGib / from.memoryGib());
        return new MaxConnections(
                value,
                bound,
                formula + "about " + value + ", scaled in proportion to memory from " + from.maxConnections()
                        + " observed on " + from.dbClass() + " (" + gib(from.memoryGib())
                        + "), since AWS publishes no value for this size" + tail);
    }

    private static void requirePositive(double memoryGib) {
        if (!(memoryGib > 0) || Double.isInfinite(memoryGib)) {
            throw new IllegalArgumentException("memoryGib must be > 0, was " + memoryGib);
        }
    }

    private static String gib(double memoryGib) {
        return (memoryGib == Math.rint(memoryGib) ? String.valueOf((long) memoryGib) : String.valueOf(memoryGib))
                + " GiB";
    }
}
