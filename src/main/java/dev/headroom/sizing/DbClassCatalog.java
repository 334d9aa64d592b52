package dev.headroom.sizing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The RDS for MySQL DB classes the sizer may choose from: those RDS for MySQL offers whose EC2
 * twin is in the instance catalog, so every figure is backed by a catalog row.
 */
public final class DbClassCatalog {
    private static final List<String> BURSTABLE_SIZES =
            List.of("micro", "small", "medium", "large", "xlarge", "2xlarge");
    private static final List<String> FIXED_SIZES = List.of("large", "xlarge", "2xlarge");

    /**
     * Classes RDS for MySQL offers (Amazon RDS User Guide, "Supported DB engines for DB instance
     * classes"), in the sizes the instance catalog has. RDS has no nano class, no compute-optimized
     * (c) classes and no medium m or r classes. Other families RDS for MySQL may offer (db.m7i, for
     * one) are left out until that table is checked for them: listing a class that cannot be
     * launched is worse than missing one.
     */
    private static final Map<String, List<String>> RDS_FOR_MYSQL = Map.of(
            "t3", BURSTABLE_SIZES,
            "t4g", BURSTABLE_SIZES,
            "m5", FIXED_SIZES,
            "m6i", FIXED_SIZES,
            "m6g", FIXED_SIZES,
            "m7g", FIXED_SIZES,
            "r6i", FIXED_SIZES,
            "r6g", FIXED_SIZES);

    private final Map<String, DbClass> byName = new LinkedHashMap<>();

    private DbClassCatalog(List<DbClass> classes) {
        classes.forEach(c -> byName.put(c.name(), c));
    }

    /**
     * The offered classes whose EC2 twin is in {@code instances}; a class whose row is missing is
     * left out rather than described from memory.
     *
     * @throws IllegalArgumentException when no offered class is backed by the catalog
     */
    public static DbClassCatalog rdsForMySql(InstanceCatalog instances) {
        List<DbClass> classes = new ArrayList<>();
        for (InstanceType type : instances.all()) {
            List<String> sizes = RDS_FOR_MYSQL.get(type.family());
            if (sizes != null
                    && sizes.contains(type.name().substring(type.family().length() + 1))) {
                classes.add(DbClass.of(type));
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException(
                    "no RDS for MySQL class is backed by the instance catalog; offered: " + offeredNames());
        }
        return new DbClassCatalog(classes);
    }

    /** Every class RDS for MySQL offers in the sizes above, catalog or not: {@code db.m5.large, ...}, sorted. */
    public static List<String> offeredNames() {
        List<String> names = new ArrayList<>();
        RDS_FOR_MYSQL.forEach(
                (family, sizes) -> sizes.forEach(size -> names.add(DbClass.PREFIX + family + "." + size)));
        return names.stream().sorted().toList();
    }

    public List<DbClass> all() {
        return List.copyOf(byName.values());
    }

    public Set<String> names() {
        return new LinkedHashSet<>(byName.keySet());
    }

    public Optional<DbClass> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @throws IllegalArgumentException naming the nearest known classes */
    public DbClass byName(String name) {
        DbClass dbClass = byName.get(name);
        if (dbClass != null) return dbClass;
        throw new IllegalArgumentException("unknown RDS for MySQL DB class '" + name + "'"
                + NearMatches.hint(name, byName.keySet()) + "; known: " + String.join(", ", byName.keySet()));
    }
}
