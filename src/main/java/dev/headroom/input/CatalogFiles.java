package dev.headroom.input;

import dev.headroom.sizing.Arch;
import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.InstanceType;
import dev.headroom.sizing.Price;
import dev.headroom.sizing.PriceTable;
import dev.headroom.sizing.Regions;
import dev.headroom.yaml.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the instance catalog, {@code catalog/ec2-instance-facts.csv}: bundled in the jar, or a
 * user's copy with the same columns. Where each column comes from is in {@code catalog/SOURCES.md}.
 * Every bad cell is reported with its line and column; none is skipped.
 */
public final class CatalogFiles {
    public static final String BUNDLED_INSTANCE_FACTS = "catalog/ec2-instance-facts.csv";

    /** The region of the CSV's price column: the only prices the catalog ships. */
    public static final String BUILT_IN_PRICE_REGION = "us-east-1";

    public static final String BUILT_IN_PRICE_SOURCE = "AWS Price List API, on-demand Linux, us-east-1, as generated"
            + " into aws/karpenter-provider-aws's pricing tables on 2026-07-20 (" + BUNDLED_INSTANCE_FACTS + ")";

    static final List<String> COLUMNS = List.of(
            "instance_type",
            "family",
            "arch",
            "vcpus",
            "memory_gib",
            "baseline_cpu_pct_per_vcpu",
            "eks_max_pods",
            "usd_per_hour_us_east_1",
            "coremark_iterations_per_s",
            "measured_total_mb");

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    /** Rows of a facts file: the types, and the us-east-1 price of each that has one. */
    private record Facts(InstanceCatalog instances, Map<String, Double> usEast1UsdPerHour) {}

    /** Read once: the bundled file does not change while the JVM runs. */
    private static final class Bundled {
        static final Facts FACTS = readBundled();
    }

    private CatalogFiles() {}

    /** The bundled instance catalog. */
    public static InstanceCatalog instances() {
        return Bundled.FACTS.instances();
    }

    /** A user's facts file with the bundled file's columns (its price column is ignored). */
    public static InstanceCatalog instances(Path csv) {
        Problems problems = new Problems(csv.toString());
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(in, problems).instances();
        } catch (NoSuchFileException e) {
            problems.add(0, "", "no such file");
        } catch (IOException | UncheckedIOException e) {
            problems.add(0, "", "cannot be read (is it UTF-8?): " + e);
        }
        problems.throwIfAny();
        return null; // not reached: a failed read has added a problem
    }

    /** The RDS for MySQL classes backed by the bundled catalog. */
    public static DbClassCatalog dbClasses() {
        return DbClassCatalog.rdsForMySql(instances());
    }

    /**
     * The prices that ship with Headroom for {@code region}: EC2 on-demand for us-east-1, nothing
     * for any other region (no source for them could be confirmed).
     *
     * @throws IllegalArgumentException for a region code that does not exist
     */
    public static PriceTable builtInPrices(String region) {
        if (!Regions.require(region).equals(BUILT_IN_PRICE_REGION)) return PriceTable.empty(region);
        Map<String, Price> ec2 = new LinkedHashMap<>();
        Bundled.FACTS.usEast1UsdPerHour().forEach((type, usd) -> ec2.put(type, new Price(usd, BUILT_IN_PRICE_SOURCE)));
        return new PriceTable(region, PriceTable.USD, ec2, Map.of(), Optional.empty(), Map.of());
    }

    private static Facts readBundled() {
        Problems problems = new Problems(BUNDLED_INSTANCE_FACTS);
        InputStream stream = CatalogFiles.class.getClassLoader().getResourceAsStream(BUNDLED_INSTANCE_FACTS);
        if (stream == null) throw new IllegalStateException(BUNDLED_INSTANCE_FACTS + " is missing from the classpath");
        try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return read(in, problems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + BUNDLED_INSTANCE_FACTS, e);
        }
    }

    private static Facts read(Reader in, Problems problems) throws IOException {
        Map<String, InstanceType> types = new LinkedHashMap<>();
        Map<String, Double> prices = new LinkedHashMap<>();
        try (CSVParser parser = FORMAT.parse(in)) {
            List<String> missing = COLUMNS.stream()
                    .filter(c -> !parser.getHeaderNames().contains(c))
                    .toList();
            if (!missing.isEmpty()) {
                problems.add(1, "", "missing columns " + missing + "; a facts file has the columns " + COLUMNS);
                problems.throwIfAny();
            }
            for (CSVRecord record : parser) {
                Cells cells = new Cells(record, (int) parser.getCurrentLineNumber(), problems);
                InstanceType type = cells.instanceType();
                if (type == null) continue;
                if (types.putIfAbsent(type.name(), type) != null) {
                    problems.add(cells.line(), "instance_type", type.name() + " is listed twice");
                    continue;
                }
                cells.price().ifPresent(usd -> prices.put(type.name(), usd));
            }
        }
        if (types.isEmpty()) problems.add(0, "", "has no instance types");
        problems.throwIfAny();
        return new Facts(new InstanceCatalog(types.values()), prices);
    }

    /** One CSV row, read cell by cell; each bad cell is a problem on the row's line, and the row is dropped. */
    private record Cells(CSVRecord record, int line, Problems problems) {
        InstanceType instanceType() {
            if (!record.isConsistent()) {
                problems.add(
                        line,
                        "",
                        "has " + record.size() + " cells, the header "
                                + record.getParser().getHeaderNames().size());
                return null;
            }
            String name = text("instance_type");
            String family = text("family");
            Arch arch = arch();
            Integer vcpus = whole("vcpus");
            Double memoryGib = number("memory_gib");
            Double baselinePct = number("baseline_cpu_pct_per_vcpu");
            Integer eksMaxPods = whole("eks_max_pods");
            Double coremark = number("coremark_iterations_per_s");
            Integer measuredMib = whole("measured_total_mb");
            if (name == null
                    || family == null
                    || arch == null
                    || vcpus == null
                    || memoryGib == null
                    || baselinePct == null
                    || eksMaxPods == null
                    || coremark == null
                    || measuredMib == null) {
                return null;
            }
            try {
                // measured_total_mb is read as MiB (see SOURCES.md); the baseline column is a percentage
                return new InstanceType(
                        name,
                        family,
                        arch,
                        vcpus,
                        memoryGib,
                        measuredMib,
                        baselinePct / 100,
                        eksMaxPods,
                        coremark / vcpus);
            } catch (IllegalArgumentException e) {
                problems.add(line, "", e.getMessage());
                return null;
            }
        }

        /** An empty price cell means no price known, never zero. */
        Optional<Double> price() {
            if (record.get("usd_per_hour_us_east_1").isBlank()) return Optional.empty();
            return Optional.ofNullable(number("usd_per_hour_us_east_1"));
        }

        private String text(String column) {
            String value = record.get(column).strip();
            if (value.isEmpty()) problems.add(line, column, "is empty");
            return value.isEmpty() ? null : value;
        }

        private Arch arch() {
            try {
                return Arch.byKey(record.get("arch").strip());
            } catch (IllegalArgumentException e) {
                problems.add(line, "arch", e.getMessage());
                return null;
            }
        }

        private Integer whole(String column) {
            try {
                return Integer.valueOf(record.get(column).strip());
            } catch (NumberFormatException e) {
                problems.add(line, column, "must be a whole number, was '" + record.get(column) + "'");
                return null;
            }
        }

        private Double number(String column) {
            try {
                double value = Double.parseDouble(record.get(column).strip());
                if (Double.isFinite(value)) return value;
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(line, column, "must be a number, was '" + record.get(column) + "'");
            return null;
        }
    }
}
