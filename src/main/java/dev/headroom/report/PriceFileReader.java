package dev.headroom.report;

import dev.headroom.sizing.Arch;
import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.FargateRates;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.NearMatches;
import dev.headroom.sizing.Price;
import dev.headroom.sizing.PriceTable;
import dev.headroom.sizing.Regions;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a composed price file into a {@link PriceTable}, reading every field even after a problem
 * so that all are reported at once. Works on SnakeYAML nodes rather than bound objects because
 * nodes keep the line each key and value came from.
 */
final class PriceFileReader {
    private static final List<String> TOP_FIELDS = List.of(
            "region",
            "currency",
            "source",
            "ec2_usd_per_hour",
            "rds_usd_per_hour",
            "eks_cluster_usd_per_hour",
            "fargate");

    /** Per architecture, the vCPU-hour and GB-hour keys, which come as a pair. */
    private static final Map<Arch, List<String>> FARGATE_FIELDS = Map.of(
            Arch.X86_64, List.of("vcpu_usd_per_hour", "gb_usd_per_hour"),
            Arch.ARM64, List.of("arm64_vcpu_usd_per_hour", "arm64_gb_usd_per_hour"));

    private static final List<String> FARGATE_KEYS =
            List.of("vcpu_usd_per_hour", "gb_usd_per_hour", "arm64_vcpu_usd_per_hour", "arm64_gb_usd_per_hour");

    /** Plain decimal numbers only, so that a quoted "0.096" or a YAML 1.1 oddity like 0x10 is not read as a price. */
    private static final Pattern DECIMAL = Pattern.compile("[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|\\.[0-9_]+");

    private static final String A_PRICE = "a price in USD per hour > 0, written as a plain number like 0.096";

    private final String file;
    private final FileProblems problems;
    private final InstanceCatalog instances;
    private final DbClassCatalog dbClasses;

    PriceFileReader(String file, FileProblems problems, InstanceCatalog instances, DbClassCatalog dbClasses) {
        this.file = file;
        this.problems = problems;
        this.instances = instances;
        this.dbClasses = dbClasses;
    }

    /** @return the table, or {@code null} when problems were found (they are in {@code problems}) */
    PriceTable read(Node document) {
        Map<String, NodeTuple> top = mapping(document, "", "a mapping with region, currency, source and prices");
        if (top == null) return null;
        unknownFields(top, "", TOP_FIELDS);
        String region = region(top);
        String currency = requiredText(top, "currency", "USD");
        if (currency != null && !currency.equals(PriceTable.USD)) {
            problems.add(
                    lineOf(top.get("currency").getValueNode()),
                    "currency",
                    "must be USD, was " + currency + "; AWS bills in US dollars and the price fields are named so");
        }
        String sourceText = requiredText(top, "source", "text saying where these prices were found, with its date");
        String source = file + " (" + (sourceText == null ? "" : sourceText) + ")";
        Map<String, Price> ec2 = prices(
                top,
                "ec2_usd_per_hour",
                "instance type",
                instances.names(),
                "the catalog's types, of the families " + String.join(", ", instances.families()),
                source);
        Map<String, Price> rds = prices(
                top,
                "rds_usd_per_hour",
                "RDS for MySQL DB class",
                dbClasses.names(),
                "the catalog's classes " + String.join(", ", dbClasses.names()),
                source);
        Optional<Price> eks = Optional.ofNullable(top.get("eks_cluster_usd_per_hour"))
                .map(t -> price(t.getValueNode(), "eks_cluster_usd_per_hour"))
                .map(usd -> new Price(usd, source));
        Map<Arch, FargateRates> fargate = fargate(top, source);
        if (!problems.isEmpty()) return null;
        return new PriceTable(region, currency, ec2, rds, eks, fargate);
    }

    private String region(Map<String, NodeTuple> top) {
        String region = requiredText(top, "region", "an AWS region code like us-east-1");
        if (region == null || Regions.isKnown(region)) return region;
        problems.add(
                lineOf(top.get("region").getValueNode()),
                "region",
                "unknown AWS region '" + region + "'"
                        + NearMatches.hint(region, Regions.codes()) + "; AWS commercial regions: "
                        + String.join(", ", Regions.codes()));
        return null;
    }

    private Map<String, Price> prices(
            Map<String, NodeTuple> top,
            String field,
            String what,
            Set<String> known,
            String knownDescription,
            String source) {
        Map<String, Price> prices = new LinkedHashMap<>();
        NodeTuple section = top.get(field);
        if (section == null) return prices;
        Map<String, NodeTuple> entries =
                mapping(section.getValueNode(), field, "a mapping of " + what + " to " + A_PRICE);
        if (entries == null) return prices;
        entries.forEach((name, entry) -> {
            Double usd = price(entry.getValueNode(), field + "." + name);
            if (!known.contains(name)) {
                problems.add(
                        lineOf(entry.getKeyNode()),
                        field + "." + name,
                        "unknown " + what + NearMatches.hint(name, known) + "; prices are accepted for "
                                + knownDescription);
            } else if (usd != null) {
                prices.put(name, new Price(usd, source));
            }
        });
        return prices;
    }

    private Map<Arch, FargateRates> fargate(Map<String, NodeTuple> top, String source) {
        Map<Arch, FargateRates> rates = new EnumMap<>(Arch.class);
        NodeTuple section = top.get("fargate");
        if (section == null) return rates;
        Map<String, NodeTuple> fields = mapping(
                section.getValueNode(), "fargate", "a mapping of " + String.join(", ", FARGATE_KEYS) + " to prices");
        if (fields == null) return rates;
        unknownFields(fields, "fargate", FARGATE_KEYS);
        FARGATE_FIELDS.forEach((arch, pair) -> {
            NodeTuple vcpu = fields.get(pair.get(0));
            NodeTuple gb = fields.get(pair.get(1));
            if (vcpu == null && gb == null) return;
            if (vcpu == null || gb == null) {
                NodeTuple given = vcpu == null ? gb : vcpu;
                String missing = vcpu == null ? pair.get(0) : pair.get(1);
                problems.add(
                        lineOf(given.getKeyNode()),
                        "fargate." + keyOf(given),
                        "needs fargate." + missing + " too: a task pays for its vCPUs and its memory");
                return;
            }
            Double vcpuUsd = price(vcpu.getValueNode(), "fargate." + pair.get(0));
            Double gbUsd = price(gb.getValueNode(), "fargate." + pair.get(1));
            if (vcpuUsd != null && gbUsd != null) rates.put(arch, new FargateRates(vcpuUsd, gbUsd, source));
        });
        return rates;
    }

    /** The fields of a mapping by name; duplicates and non-scalar keys are problems. Null when not a mapping. */
    private Map<String, NodeTuple> mapping(Node node, String path, String what) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(lineOf(node), path, "must be " + what + ", was " + shown(node));
            return null;
        }
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode)) {
                problems.add(lineOf(tuple.getKeyNode()), path, "keys must be names, was " + shown(tuple.getKeyNode()));
                continue;
            }
            String key = keyOf(tuple);
            NodeTuple first = fields.putIfAbsent(key, tuple);
            if (first != null) {
                problems.add(
                        lineOf(tuple.getKeyNode()),
                        join(path, key),
                        "given twice; the first is on line " + lineOf(first.getKeyNode()));
            }
        }
        return fields;
    }

    private void unknownFields(Map<String, NodeTuple> fields, String path, Collection<String> accepted) {
        fields.forEach((key, tuple) -> {
            if (accepted.contains(key)) return;
            problems.add(
                    lineOf(tuple.getKeyNode()),
                    join(path, key),
                    "unknown field" + NearMatches.hint(key, accepted) + "; accepted here: "
                            + String.join(", ", accepted));
        });
    }

    private String requiredText(Map<String, NodeTuple> fields, String key, String accepts) {
        NodeTuple tuple = fields.get(key);
        if (tuple == null) {
            problems.add(1, key, "is required: " + accepts);
            return null;
        }
        Node value = tuple.getValueNode();
        if (value instanceof ScalarNode s
                && !s.getTag().equals(Tag.NULL)
                && !s.getValue().isBlank()) {
            return s.getValue().strip();
        }
        problems.add(lineOf(value), key, "must be " + accepts + ", was " + shown(value));
        return null;
    }

    private Double price(Node value, String field) {
        if (value instanceof ScalarNode s
                && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))
                && DECIMAL.matcher(s.getValue()).matches()) {
            double usd = Double.parseDouble(s.getValue().replace("_", ""));
            if (usd > 0 && Double.isFinite(usd)) return usd;
        }
        problems.add(lineOf(value), field, "must be " + A_PRICE + ", was " + shown(value));
        return null;
    }

    private static String keyOf(NodeTuple tuple) {
        return ((ScalarNode) tuple.getKeyNode()).getValue();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static int lineOf(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** How a value is quoted back in a problem: as written, or what kind of thing it is. */
    private static String shown(Node value) {
        if (value instanceof MappingNode) return "a mapping";
        if (value instanceof SequenceNode) return "a list";
        ScalarNode s = (ScalarNode) value;
        if (s.getTag().equals(Tag.NULL)) return "empty";
        String text = s.getValue().length() > 40 ? s.getValue().substring(0, 40) + "..." : s.getValue();
        return s.isPlain() ? text : "\"" + text + "\" (quoted, so text)";
    }
}
