package dev.headroom.sizing.system;

import dev.headroom.sizing.DbClass;
import dev.headroom.sizing.MaxConnections;
import dev.headroom.sizing.RdsMaxConnections;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The RDS engine of a database: it sets the default max_connections and the price row. */
public enum Engine {
    MYSQL("mysql", "MySQL"),
    POSTGRES("postgres", "PostgreSQL");

    private final String key;
    private final String priceListName;

    Engine(String key, String priceListName) {
        this.key = key;
        this.priceListName = priceListName;
    }

    public String key() {
        return key;
    }

    /** The engine as the RDS price list names it: {@code MySQL}, {@code PostgreSQL}. */
    public String priceListName() {
        return priceListName;
    }

    public static Optional<Engine> byKey(String key) {
        return Arrays.stream(values())
                .filter(e -> e.key.equals(key.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** The default parameter group's max_connections for {@code dbClass}, as an estimate that errs low. */
    public MaxConnections defaultMaxConnections(DbClass dbClass) {
        return switch (this) {
            case MYSQL -> RdsMaxConnections.estimate(dbClass);
            case POSTGRES -> PostgresMaxConnections.estimate(dbClass);
        };
    }

    @Override
    public String toString() {
        return key;
    }
}
