package dev.headroom.input;

import dev.headroom.sizing.Arch;
import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.FargateRates;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.NearMatches;
import dev.headroom.sizing.Price;
import dev.headroom.sizing.PriceTable;
import dev.headroom.sizing.Regions;
import dev.headroom.yaml.Problems;
import dev.headroom.yaml.YamlSection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a price file's top-level mapping into a {@link PriceTable}, reading every field even after
 * a problem so that all are reported at once, with the lines YAML nodes keep.
 */
final class PriceFileReader {
    /** Per architecture, the vCPU-hour and GB-hour keys, which come as a pair. */
    private static final Map<Arch, List<String>> FARGATE_FIELDS = Map.of(
            Arch.X86_64, List.of("vcpu_usd_per_hour", "gb_usd_per_hour"),
            Arch.ARM64, List.of("arm64_vcpu_usd_per_hour", "arm64_gb_usd_per_hour"));

    private PriceFileReader() {}

    /** The table, or null when {@code problems} found any. */
    static PriceTable read(
            YamlSection top, Problems problems, String file, InstanceCatalog instances, DbClassCatalog dbClasses) {
        String region = top.text("region", "an AWS region code like us-east-1", null);
        if (region != null && !Regions.isKnown(region)) {
            top.problemAt(
                    "region",
                    "unknown AWS region '" + region + "'" + NearMatches.hint(region, Regions.codes())
                            + "; AWS commercial regions: " + String.join(", ", Regions.codes()));
        }
        String currency = top.text("currency", "USD", null);
        if (currency != null && !currency.equals(PriceTable.USD)) {
            top.problemAt(
                    "currency",
                    "must be USD, was " + currency + "; AWS bills in US dollars and the price fields are named so");
        }
        String sourceText = top.text("source", "text saying where these prices were found, with its date", null);
        String source = file + " (" + (sourceText == null ? "" : sourceText.strip()) + ")";
        Map<String, Price> ec2 = prices(
                top.section("ec2_usd_per_hour", false, "instance types and their USD per hour"),
                "instance type",
                instances.names(),
                source);
        Map<String, Price> rds = prices(
                top.section("rds_usd_per_hour", false, "RDS classes and their USD per hour"),
                "RDS for MySQL DB class",
                dbClasses.names(),
                source);
        Double eks = top.number("eks_cluster_usd_per_hour", InputRanges.USD_PER_HOUR, Double.NaN);
        Map<Arch, FargateRates> fargate = fargate(top.section("fargate", false, "Fargate vCPU and GB prices"), source);
        top.finish();
        if (!problems.isEmpty()) return null;
        return new PriceTable(
                region == null ? "" : region,
                currency == null ? PriceTable.USD : currency,
                ec2,
                rds,
                eks == null || eks.isNaN() ? Optional.empty() : Optional.of(new Price(eks, source)),
                fargate);
    }

    /** A mapping of names to prices; a name the catalog does not know is refused with near matches. */
    private static Map<String, Price> prices(YamlSection section, String what, Set<String> known, String source) {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (String name : section.keys()) {
            if (!known.contains(name)) {
                section.reject(
                        name,
                        "unknown " + what + NearMatches.hint(name, known) + "; prices are accepted for"
                                + " the catalog's " + known.size() + " names");
                continue;
            }
            Double usd = section.number(name, InputRanges.USD_PER_HOUR, null);
            if (usd != null) prices.put(name, new Price(usd, source));
        }
        section.finish();
        return prices;
    }

    private static Map<Arch, FargateRates> fargate(YamlSection section, String source) {
        Map<Arch, FargateRates> rates = new EnumMap<>(Arch.class);
        FARGATE_FIELDS.forEach((arch, pair) -> {
            boolean vcpu = section.has(pair.get(0));
            boolean gb = section.has(pair.get(1));
            if (!vcpu && !gb) return;
            if (vcpu != gb) {
                String given = vcpu ? pair.get(0) : pair.get(1);
                section.problemAt(
                        given,
                        "needs fargate." + (vcpu ? pair.get(1) : pair.get(0))
                                + " too: a task pays for its vCPUs and its memory");
                return;
            }
            Double vcpuUsd = section.number(pair.get(0), InputRanges.USD_PER_HOUR, null);
            Double gbUsd = section.number(pair.get(1), InputRanges.USD_PER_HOUR, null);
            if (vcpuUsd != null && gbUsd != null) rates.put(arch, new FargateRates(vcpuUsd, gbUsd, source));
        });
        section.finish();
        return rates;
    }
}
