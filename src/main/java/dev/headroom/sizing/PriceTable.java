package dev.headroom.sizing;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * On-demand prices for one region. Every price is optional: a price nobody could confirm is left
 * out and the sizer says it is unknown, rather than guessing. The built-in table has EC2 prices for
 * us-east-1 only; RDS, the EKS control plane, Fargate and other regions come from a user's price
 * file, merged over the built-in table with {@link #overriddenBy}.
 *
 * @param region an AWS commercial region code ({@link Regions})
 * @param currency always {@code USD}: the prices are named in dollars, and AWS bills in dollars
 * @param ec2 by instance type ({@code m6i.large}), per instance-hour, Linux
 * @param rds by DB class ({@code db.t3.small}), per DB instance-hour, single-AZ
 * @param eksCluster per EKS cluster-hour (the control plane)
 * @param fargate per architecture
 */
public record PriceTable(
        String region,
        String currency,
        Map<String, Price> ec2,
        Map<String, Price> rds,
        Optional<Price> eksCluster,
        Map<Arch, FargateRates> fargate) {

    public static final String USD = "USD";

    public PriceTable {
        Regions.require(region);
        if (!USD.equals(currency)) {
            throw new IllegalArgumentException("currency must be USD (prices are in US dollars), was " + currency);
        }
        ec2 = Map.copyOf(ec2);
        rds = Map.copyOf(rds);
        Objects.requireNonNull(eksCluster, "eksCluster");
        fargate = fargate.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(fargate));
        ec2.keySet().forEach(k -> requireName("ec2", k));
        rds.keySet().forEach(k -> requireName("rds", k));
    }

    /** A region with no prices known: every lookup is empty. */
    public static PriceTable empty(String region) {
        return new PriceTable(region, USD, Map.of(), Map.of(), Optional.empty(), Map.of());
    }

    public Optional<Price> ec2(String instanceType) {
        return Optional.ofNullable(ec2.get(instanceType));
    }

    public Optional<Price> rds(String dbClass) {
        return Optional.ofNullable(rds.get(dbClass));
    }

    public Optional<FargateRates> fargate(Arch arch) {
        return Optional.ofNullable(fargate.get(arch));
    }

    /**
     * This table with {@code user}'s prices in place of its own where both have one.
     *
     * @throws IllegalArgumentException when the two tables are for different regions
     */
    public PriceTable overriddenBy(PriceTable user) {
        if (!region.equals(user.region)) {
            throw new IllegalArgumentException("cannot merge prices for " + user.region + " over prices for " + region
                    + ": prices differ by region");
        }
        Map<String, Price> mergedEc2 = new LinkedHashMap<>(ec2);
        mergedEc2.putAll(user.ec2);
        Map<String, Price> mergedRds = new LinkedHashMap<>(rds);
        mergedRds.putAll(user.rds);
        Map<Arch, FargateRates> mergedFargate = new EnumMap<>(Arch.class);
        mergedFargate.putAll(fargate);
        mergedFargate.putAll(user.fargate);
        return new PriceTable(
                region, currency, mergedEc2, mergedRds, user.eksCluster.or(() -> eksCluster), mergedFargate);
    }

    static void requirePrice(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a price > 0, was " + value);
        }
    }

    private static void requireName(String table, String key) {
        if (key == null || key.isBlank()) throw new IllegalArgumentException(table + " prices need a name for each");
    }
}
