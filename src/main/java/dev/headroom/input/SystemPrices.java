package dev.headroom.input;

import dev.headroom.sizing.Arch;
import dev.headroom.sizing.FargateRates;
import dev.headroom.sizing.Price;
import dev.headroom.sizing.PriceTable;
import dev.headroom.sizing.system.Engine;
import dev.headroom.sizing.system.RdsPrices;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The prices a system sizing ships with for us-east-1, each with its source: RDS by class, engine and
 * deployment ({@value #RDS_CSV}), Fargate per vCPU-hour and GB-hour, and the EKS control plane. A
 * user's price file (the same one {@code size} reads) overrides the EC2, Fargate and EKS prices;
 * other regions have none of these built in.
 */
public final class SystemPrices {
    static final String RDS_CSV = "catalog/rds-prices-us-east-1.csv";

    /**
     * AWS public price map meteredUnitMaps/ecs/USD/current/ecs.json (publication 2025-10-27), entries
     * "perCPU per hour" and "perGB per hour" (x86) and their ARM twins, as committed to
     * lamngockhuong/aws-price lib/data/pricing/ecs.json at 6e8bf8ce (shared/reference/capacity-facts.md).
     */
    public static final String FARGATE_SOURCE =
            "AWS price map ecs.json (2025-10-27) via lamngockhuong/aws-price@6e8bf8ce";

    public static final FargateRates FARGATE_X86 = new FargateRates(0.04048, 0.004445, FARGATE_SOURCE);
    public static final FargateRates FARGATE_ARM = new FargateRates(0.03238, 0.00356, FARGATE_SOURCE);

    /** meteredUnitMaps/eks/USD/current/eks.json (2025-10-28), "Compute per hours": standard support. */
    public static final Price EKS_CLUSTER = new Price(
            0.10, "AWS price map eks.json (2025-10-28) via lamngockhuong/aws-price@6e8bf8ce, standard support");

    private SystemPrices() {}

    /** EC2 (the catalog's), Fargate and EKS prices for {@code region}: us-east-1 only. */
    public static PriceTable compute(String region) {
        PriceTable built = CatalogFiles.builtInPrices(region);
        if (!region.equals(CatalogFiles.BUILT_IN_PRICE_REGION)) return built;
        Map<Arch, FargateRates> fargate = new EnumMap<>(Arch.class);
        fargate.put(Arch.X86_64, FARGATE_X86);
        fargate.put(Arch.ARM64, FARGATE_ARM);
        return built.overriddenBy(
                new PriceTable(region, PriceTable.USD, Map.of(), Map.of(), Optional.of(EKS_CLUSTER), fargate));
    }

    /** The bundled RDS price rows for {@code region}: us-east-1 only. */
    public static RdsPrices rds(String region) {
        if (!region.equals(CatalogFiles.BUILT_IN_PRICE_REGION)) return RdsPrices.none();
        InputStream stream = SystemPrices.class.getClassLoader().getResourceAsStream(RDS_CSV);
        if (stream == null) throw new IllegalStateException(RDS_CSV + " is missing from the classpath");
        Map<String, Price> prices = new LinkedHashMap<>();
        try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                Engine engine = r.get("engine").equals("PostgreSQL") ? Engine.POSTGRES : Engine.MYSQL;
                boolean multiAz = r.get("deployment").equals("Multi-AZ");
                prices.put(
                        RdsPrices.key(r.get("class"), engine, multiAz),
                        new Price(Double.parseDouble(r.get("usd_per_hour")), r.get("source") + ", " + r.get("date")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + RDS_CSV, e);
        }
        return new RdsPrices(prices);
    }
}
