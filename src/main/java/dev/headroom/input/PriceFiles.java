package dev.headroom.input;

import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.PriceTable;
import dev.headroom.yaml.InputFileException;
import dev.headroom.yaml.Problems;
import dev.headroom.yaml.YamlDocument;
import java.nio.file.Path;

/**
 * Loads a user's price file (YAML) and merges it over the prices Headroom ships, so that the sizer
 * can price RDS, the EKS control plane, Fargate and regions other than us-east-1 with numbers the
 * user vouches for. The shape, with {@code scenarios/prices/example-prices.yaml} as the worked
 * example:
 *
 * <pre>
 * region: us-east-1                          # an AWS commercial region code
 * currency: USD                              # only USD
 * source: "where these numbers came from, and when"
 * ec2_usd_per_hour: { m6i.large: 0.096 }     # instance type: USD per instance-hour
 * rds_usd_per_hour: { db.t3.small: ... }     # DB class: USD per DB instance-hour, single-AZ
 * eks_cluster_usd_per_hour: ...              # USD per cluster-hour
 * fargate:                                   # USD per vCPU-hour and per GB-hour, in pairs
 *   vcpu_usd_per_hour: ...
 *   gb_usd_per_hour: ...
 *   arm64_vcpu_usd_per_hour: ...
 *   arm64_gb_usd_per_hour: ...
 * </pre>
 *
 * Every section but region, currency and source is optional; a price not given is unknown, never
 * zero. Every problem is reported at once with its file, line and field.
 */
public final class PriceFiles {
    private PriceFiles() {}

    /**
     * The file's prices merged over {@link CatalogFiles#builtInPrices} for its region: the file's
     * price wins where both have one.
     *
     * @param instances the types an {@code ec2_usd_per_hour} key may name
     * @param dbClasses the classes an {@code rds_usd_per_hour} key may name
     * @throws InputFileException listing every problem, each with file, line and field
     */
    public static PriceTable load(Path file, InstanceCatalog instances, DbClassCatalog dbClasses) {
        Problems problems = new Problems(file.toString());
        PriceTable prices = YamlDocument.open(file, problems)
                .map(top -> PriceFileReader.read(top, problems, file.toString(), instances, dbClasses))
                .orElse(null);
        problems.throwIfAny();
        return CatalogFiles.builtInPrices(prices.region()).overriddenBy(prices);
    }
}
