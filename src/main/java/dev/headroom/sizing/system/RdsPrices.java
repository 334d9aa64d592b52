package dev.headroom.sizing.system;

import dev.headroom.sizing.Price;
import java.util.Map;
import java.util.Optional;

/**
 * On-demand RDS prices by class, engine and deployment, per DB instance-hour. A Multi-AZ DB
 * instance is billed "per DB instance-hour for both the primary and standby instances" (Amazon RDS
 * User Guide, On-Demand DB instances), so its row is about twice the Single-AZ one; a read replica
 * is "billed as a standard DB instance at the same rate" as its class (RDS User Guide, Working with
 * read replicas), so it is priced as Single-AZ. A price not in the table is unknown, never guessed.
 *
 * @param byKey prices keyed by {@link #key}
 */
public record RdsPrices(Map<String, Price> byKey) {
    public RdsPrices {
        byKey = Map.copyOf(byKey);
    }

    public static RdsPrices none() {
        return new RdsPrices(Map.of());
    }

    public static String key(String dbClass, Engine engine, boolean multiAz) {
        return dbClass + "|" + engine.key() + "|" + (multiAz ? "multi-az" : "single-az");
    }

    public Optional<Price> find(String dbClass, Engine engine, boolean multiAz) {
        return Optional.ofNullable(byKey.get(key(dbClass, engine, multiAz)));
    }
}
