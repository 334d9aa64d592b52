package dev.headroom.sizing.system;

import dev.headroom.sizing.Arch;
import dev.headroom.sizing.DbClass;
import dev.headroom.sizing.InstanceType;
import dev.headroom.sizing.Price;
import dev.headroom.sizing.system.SystemSizing.ServicePlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built types, classes, prices and service plans for the system model's pure-logic tests. */
final class SystemFixtures {
    private SystemFixtures() {}

    /** Rows of shared/reference/ec2-instance-facts.csv (vcpus, GiB, baseline %, max pods, CoreMark, MiB seen). */
    static final InstanceType T3_MEDIUM =
            new InstanceType("t3.medium", "t3", Arch.X86_64, 2, 4, 3827, 0.20, 17, 29163.0 / 2);

    static final InstanceType T4G_SMALL =
            new InstanceType("t4g.small", "t4g", Arch.ARM64, 2, 2, 1846, 0.20, 11, 37874.0 / 2);
    static final InstanceType T3_SMALL =
            new InstanceType("t3.small", "t3", Arch.X86_64, 2, 2, 1901, 0.20, 11, 28124.1 / 2);
    static final InstanceType M6G_LARGE =
            new InstanceType("m6g.large", "m6g", Arch.ARM64, 2, 8, 7735, 1.0, 29, 37343.6 / 2);
    static final InstanceType M6G_XLARGE =
            new InstanceType("m6g.xlarge", "m6g", Arch.ARM64, 4, 16, 15613, 1.0, 58, 77002.1 / 4);

    static final String RDS_SOURCE = "shared/reference/rds-prices-us-east-1.csv (AWS RDS price map, 2024-09-28)";

    /** The published us-east-1 rows these tests use, USD per DB instance-hour. */
    static RdsPrices rdsPrices() {
        return new RdsPrices(Map.of(
                RdsPrices.key("db.t4g.small", Engine.MYSQL, false), new Price(0.032, RDS_SOURCE),
                RdsPrices.key("db.t4g.small", Engine.MYSQL, true), new Price(0.065, RDS_SOURCE),
                RdsPrices.key("db.t3.small", Engine.MYSQL, false), new Price(0.034, RDS_SOURCE),
                RdsPrices.key("db.t3.medium", Engine.MYSQL, false), new Price(0.068, RDS_SOURCE),
                RdsPrices.key("db.m6g.large", Engine.MYSQL, false), new Price(0.152, RDS_SOURCE),
                RdsPrices.key("db.m6g.large", Engine.MYSQL, true), new Price(0.304, RDS_SOURCE),
                RdsPrices.key("db.m6g.xlarge", Engine.MYSQL, false), new Price(0.304, RDS_SOURCE),
                RdsPrices.key("db.m6g.xlarge", Engine.MYSQL, true), new Price(0.608, RDS_SOURCE)));
    }

    static DbClass db(InstanceType t) {
        return DbClass.of(t);
    }

    /** A planned service as the database sizer sees it: bounds, pool, and its requests' database work. */
    static ServicePlan service(
            String name,
            int max,
            int pool,
            int sizedPool,
            double dbCoresAtPeak,
            double dbCoresAtBaseline,
            double readShare) {
        return service(name, max, pool, sizedPool, dbCoresAtPeak, dbCoresAtBaseline, 0, readShare);
    }

    /** As above, with the database's background U0 as this service's run measured it. */
    static ServicePlan service(
            String name,
            int max,
            int pool,
            int sizedPool,
            double dbCoresAtPeak,
            double dbCoresAtBaseline,
            double dbBackgroundCores,
            double readShare) {
        return new ServicePlan(
                name,
                new ServicePlan.Shape("t3.medium", 500, 512, 0, 0, 0, 0),
                new ServicePlan.Replicas(1, max, max, max, 0.5),
                new ServicePlan.Pool(pool, sizedPool),
                new SystemSizing.DatabaseWork(
                        Optional.of("main"),
                        dbCoresAtPeak,
                        dbCoresAtBaseline,
                        dbBackgroundCores,
                        readShare,
                        "declared"),
                null,
                List.of(),
                List.of(),
                Optional.empty());
    }
}
