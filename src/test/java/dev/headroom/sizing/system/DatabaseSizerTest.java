package dev.headroom.sizing.system;

import static dev.headroom.sizing.system.SystemFixtures.M6G_LARGE;
import static dev.headroom.sizing.system.SystemFixtures.M6G_XLARGE;
import static dev.headroom.sizing.system.SystemFixtures.T3_MEDIUM;
import static dev.headroom.sizing.system.SystemFixtures.T3_SMALL;
import static dev.headroom.sizing.system.SystemFixtures.T4G_SMALL;
import static dev.headroom.sizing.system.SystemFixtures.db;
import static dev.headroom.sizing.system.SystemFixtures.rdsPrices;
import static dev.headroom.sizing.system.SystemFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.FindingCode;
import dev.headroom.sizing.system.SystemSizing.DatabasePlan;
import dev.headroom.sizing.system.SystemSpec.DatabaseSpec;
import dev.headroom.sizing.system.SystemSpec.Deployment;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Hand-worked cases of a shared database: the connection budget, Multi-AZ's price, read replicas. */
class DatabaseSizerTest {
    private static final Deployment ROLLING_25 = Deployment.rollingDefault(dev.headroom.sizing.Platform.EKS);

    private static DatabaseSpec mysql(boolean multiAz, int replicas, int reserved, double target, String... classes) {
        return new DatabaseSpec(
                "main", Engine.MYSQL, multiAz, replicas, reserved, OptionalInt.empty(), List.of(classes), target);
    }

    @Test
    void theBudgetCountsEveryServicesMaxSurgeAndPoolPlusReserved() {
        // The EKS team's main database: api max 6, orders max 5, catalog max 4, pool 10 each, 3 reserved.
        // Rolling surge 25 % rounded up: ceil(1.5) = 2, ceil(1.25) = 2, ceil(1.0) = 1.
        // (6+2)x10 + (5+2)x10 + (4+1)x10 + 3 = 80 + 70 + 50 + 3 = 203 > 150 (db.t3.small, 2 GiB: observed 150).
        DatabasePlan plan = DatabaseSizer.size(
                mysql(false, 0, 3, 0.8, "db.t3.small"),
                List.of(
                        service("api", 6, 10, 4, 0.1, 0.05, 0.8),
                        service("orders", 5, 10, 6, 0.1, 0.05, 0.3),
                        service("catalog", 4, 10, 4, 0.1, 0.05, 0.9)),
                ROLLING_25,
                List.of(db(T3_SMALL)),
                rdsPrices(),
                Double.NaN);

        assertThat(plan.connectionsNeeded()).isEqualTo(203);
        assertThat(plan.maxConnections()).isEqualTo(150);
        assertThat(plan.dbClass()).isEmpty();
        assertThat(plan.findings()).anyMatch(f -> f.code() == FindingCode.DB_CONNECTION_BUDGET_EXCEEDED);
        // The sized pools 4, 6, 4: 8x4 + 7x6 + 5x4 + 3 = 32 + 42 + 20 + 3 = 97 <= 150: a fix that works.
        assertThat(plan.fixes()).anyMatch(f -> f.contains("need 97, within 150"));
        // Without surge: 6x10 + 5x10 + 4x10 + 3 = 153 > 150 (the users' own incident): not offered as a fix.
        assertThat(plan.fixes()).noneMatch(f -> f.contains("maxSurge 0"));
    }

    @Test
    void blueGreenDoublesEveryPool() {
        // (2 + 2) x 10 + (3 + 3) x 5 + 7 = 40 + 30 + 7 = 77.
        DatabasePlan plan = DatabaseSizer.size(
                mysql(false, 0, 7, 0.8),
                List.of(service("a", 2, 10, 10, 0.1, 0.05, 0), service("b", 3, 5, 5, 0.1, 0.05, 0)),
                new Deployment(Deployment.Strategy.BLUE_GREEN, 1),
                List.of(db(T4G_SMALL)),
                rdsPrices(),
                Double.NaN);
        assertThat(plan.connectionsNeeded()).isEqualTo(77);
        assertThat(plan.dbClass()).contains("db.t4g.small");
    }

    @Test
    void multiAzPaysForTheStandby() {
        // db.t4g.small MySQL, us-east-1: Single-AZ 0.032, Multi-AZ 0.065 USD/h (rds-prices-us-east-1.csv).
        // 0.032 x 730 = 23.36; 0.065 x 730 = 47.45 USD a month.
        // Work: 0.2 cores at the peak <= 2 x 0.8; 0.1 / 2 = 5 % at baseline <= its 20 % credit baseline.
        List<SystemSizing.ServicePlan> one = List.of(service("a", 2, 10, 10, 0.2, 0.1, 0.5));
        DatabasePlan single = DatabaseSizer.size(
                mysql(false, 0, 0, 0.8), one, ROLLING_25, List.of(db(T4G_SMALL)), rdsPrices(), Double.NaN);
        DatabasePlan multi = DatabaseSizer.size(
                mysql(true, 0, 0, 0.8), one, ROLLING_25, List.of(db(T4G_SMALL)), rdsPrices(), Double.NaN);
        assertThat(single.usdPerMonth()).isCloseTo(23.36, within(1e-9));
        assertThat(multi.usdPerMonth()).isCloseTo(47.45, within(1e-9));
        assertThat(multi.readReplicas()).isZero();
    }

    @Test
    void readsGoToReplicasWhenTheWriterCannotCarryThemAndThatIsCheaper() {
        // storefront: 1.2 DB cores at the peak, 95 % reads; checkout: 0.48 cores, 20 % reads.
        // total 1.68; reads 1.14 + 0.096 = 1.236; writes 0.444. At 70 %: m6g.large (2 vCPU) carries 1.4.
        // m6g.large alone: 1.68 > 1.4, no. With replicas: writes 0.444 <= 1.4, replicas ceil(1.236/1.4) = 1.
        // Multi-AZ m6g.large 0.304 + one Single-AZ replica 0.152 = 0.456 USD/h x 730 = 332.88 a month,
        // against m6g.xlarge alone (4 x 0.7 = 2.8 >= 1.68) Multi-AZ 0.608 x 730 = 443.84.
        List<SystemSizing.ServicePlan> services =
                List.of(service("storefront", 10, 5, 5, 1.2, 0.6, 0.95), service("checkout", 4, 5, 5, 0.48, 0.2, 0.2));
        DatabasePlan plan = DatabaseSizer.size(
                mysql(true, 3, 10, 0.7),
                services,
                ROLLING_25,
                List.of(db(M6G_LARGE), db(M6G_XLARGE)),
                rdsPrices(),
                Double.NaN);
        assertThat(plan.dbClass()).contains("db.m6g.large");
        assertThat(plan.readReplicas()).isEqualTo(1);
        assertThat(plan.usdPerMonth()).isCloseTo(332.88, within(1e-9));
        assertThat(plan.readCoresAtPeak()).isCloseTo(1.236, within(1e-9));
        assertThat(plan.findings()).anyMatch(f -> f.code() == FindingCode.READ_REPLICAS_ADDED);

        // With no replica allowed the writer must carry both: m6g.xlarge.
        DatabasePlan noReplicas = DatabaseSizer.size(
                mysql(true, 0, 10, 0.7),
                services,
                ROLLING_25,
                List.of(db(M6G_LARGE), db(M6G_XLARGE)),
                rdsPrices(),
                Double.NaN);
        assertThat(noReplicas.dbClass()).contains("db.m6g.xlarge");
        assertThat(noReplicas.readReplicas()).isZero();
        assertThat(noReplicas.usdPerMonth()).isCloseTo(443.84, within(1e-9));
    }

    @Test
    void aSharedDatabasesBackgroundIsCountedOncePerInstanceNotOncePerService() {
        // Two services whose runs each measured the database at U0 = 0.2 cores idle and 0.3 cores of
        // their requests' work at their peaks. The database runs one background: 0.2 + 0.3 + 0.3 = 0.8
        // cores, not 0.2 + 0.3 + 0.2 + 0.3 = 1.0. db.m6g.large (2 vCPU, not burstable) at a 45 % target
        // carries 2 x 0.45 = 0.9: enough for 0.8, not for 1.0.
        DatabasePlan plan = DatabaseSizer.size(
                mysql(false, 0, 0, 0.45, "db.m6g.large"),
                List.of(service("a", 2, 10, 10, 0.3, 0.1, 0.2, 0.5), service("b", 2, 10, 10, 0.3, 0.1, 0.2, 0.5)),
                ROLLING_25,
                List.of(db(M6G_LARGE)),
                rdsPrices(),
                Double.NaN);
        assertThat(plan.dbClass()).contains("db.m6g.large");
        assertThat(plan.backgroundCoresPerInstance()).isCloseTo(0.2, within(1e-12));
        // reads 0.3 x 0.5 + 0.3 x 0.5 = 0.3; writes 0.6 - 0.3 = 0.3; with the background 0.8 in all.
        assertThat(plan.readCoresAtPeak() + plan.writeCoresAtPeak() + plan.backgroundCoresPerInstance())
                .isCloseTo(0.8, within(1e-12));
    }

    @Test
    void everyReadReplicaRunsTheDatabasesBackgroundToo() {
        // U0 = 0.2 per instance; requests: 1.3 cores of reads (share 1) and 0.4 of writes (share 0).
        // db.m6g.large at 70 % carries 1.4. Alone: 0.2 + 1.3 + 0.4 = 1.9 > 1.4. Writer: 0.2 + 0.4 = 0.6
        // <= 1.4. Each replica carries 1.4 - 0.2 = 1.2 of reads: ceil(1.3 / 1.2) = 2 replicas (with the
        // background ignored it would be ceil(1.3 / 1.4) = 1, and that replica would run at
        // (0.2 + 1.3) / 2 = 75 %, above its 70 % target).
        DatabasePlan plan = DatabaseSizer.size(
                mysql(false, 3, 0, 0.7, "db.m6g.large"),
                List.of(service("reader", 4, 5, 5, 1.3, 0.6, 0.2, 1.0), service("writer", 4, 5, 5, 0.4, 0.2, 0.2, 0)),
                ROLLING_25,
                List.of(db(M6G_LARGE)),
                rdsPrices(),
                Double.NaN);
        assertThat(plan.dbClass()).contains("db.m6g.large");
        assertThat(plan.readReplicas()).isEqualTo(2);
        // 3 Single-AZ db.m6g.large: 3 x 0.152 x 730 = 332.88 USD a month.
        assertThat(plan.usdPerMonth()).isCloseTo(3 * 0.152 * 730, within(1e-9));
    }

    @Test
    void aBiggerClassIsOfferedAsAFixOnlyWhenItAlsoCarriesTheCpuWithinItsCredits() {
        // The EKS team's budget: 203 connections against db.t3.small's 150 (first test). Each of the three
        // services asks 0.2 database cores at its peak and 0.15 at its baseline: 0.6 and 0.45 in all.
        // db.t3.medium (0.068 USD/h) holds 312 connections and carries 0.6 <= 2 x 0.8 at the peak, but
        // 0.45 / 2 vCPU = 22.5 % all day is above its 20 % credit baseline: not a fix.
        // db.m6g.large (0.152 USD/h, 8 GiB, not burstable) holds them and carries 0.6: the fix,
        // 0.152 x 730 = 110.96 USD a month.
        DatabasePlan plan = DatabaseSizer.size(
                mysql(false, 0, 3, 0.8, "db.t3.small"),
                List.of(
                        service("api", 6, 10, 4, 0.2, 0.15, 0),
                        service("orders", 5, 10, 6, 0.2, 0.15, 0),
                        service("catalog", 4, 10, 4, 0.2, 0.15, 0)),
                ROLLING_25,
                List.of(db(T3_SMALL), db(T3_MEDIUM), db(M6G_LARGE)),
                rdsPrices(),
                Double.NaN);
        assertThat(plan.connectionsNeeded()).isEqualTo(203);
        assertThat(plan.fixes()).noneMatch(f -> f.startsWith("db.t3.medium"));
        assertThat(plan.fixes())
                .anyMatch(f -> f.startsWith("db.m6g.large, whose default max_connections")
                        && f.contains("holds 203")
                        && f.contains("110.96 USD a month"));
    }
}
