package dev.headroom.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of a scenario file, read field by field. Nothing is thrown: each problem goes to
 * {@link Problems} with the line and dotted path of its field, and a bad field reads as {@code null}
 * so that reading goes on and finds the next problem. A section that is missing or is not a mapping
 * is reported once and then reads as {@code null} throughout, without further problems.
 */
public final class YamlSection {
    /** Plain decimal integers only: YAML 1.1 would read {@code 010} as octal and {@code 1:20} as 80. */
    private static final Pattern WHOLE = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");

    private static final Pattern DECIMAL =
            Pattern.compile("[-+]?([0-9][0-9_]*(\\.[0-9_]*)?|\\.[0-9_]+)([eE][-+]?[0-9]+)?");

    private final Problems problems;
    private final String path;
    private final int line;
    private final boolean readable;
    private final Map<String, NodeTuple> fields = new LinkedHashMap<>();
    private final Set<String> accepted = new LinkedHashSet<>();
    private final Set<String> rejected = new LinkedHashSet<>();

    /** {@code tuples} null: the section is unreadable, a problem that has already been reported. */
    private YamlSection(Problems problems, String path, int line, List<NodeTuple> tuples) {
        this.problems = problems;
        this.path = path;
        this.line = line;
        this.readable = tuples != null;
        if (tuples != null) index(tuples);
    }

    public static YamlSection root(Problems problems, MappingNode node) {
        return new YamlSection(problems, "", 1, node.getValue());
    }

    /**
     * A nested mapping. An optional one that is absent reads as empty, so its fields take their
     * defaults; {@code what} says what it holds, for the problem when it is missing or not a mapping.
     */
    public YamlSection section(String key, boolean required, String what) {
        Node value = lookUp(key);
        if (value instanceof MappingNode mapping) {
            return new YamlSection(problems, field(key), lineOf(keyNode(key)), mapping.getValue());
        }
        if (value != null) {
            problems.add(lineOf(value), field(key), "must be a mapping of " + what + ", was " + shown(value));
            return new YamlSection(problems, field(key), lineOf(value), null);
        }
        if (required && readable) problems.add(line, field(key), "is required: " + what);
        boolean empty = readable && !required;
        return new YamlSection(problems, field(key), line, empty ? List.of() : null);
    }

    /** A required whole number within {@code [min, max]}. */
    public Integer wholeNumber(String key, int min, int max) {
        return wholeNumber(key, min, max, null);
    }

    /** A whole number within {@code [min, max]}, {@code defaultValue} when absent (required if that is null). */
    public Integer wholeNumber(String key, int min, int max, Integer defaultValue) {
        String accepts = "a whole number from " + min + " to " + max;
        Node value = lookUp(key);
        if (value == null) return missing(key, accepts, defaultValue);
        if (value instanceof ScalarNode s
                && s.getTag().equals(Tag.INT)
                && WHOLE.matcher(s.getValue()).matches()) {
            BigInteger n = new BigInteger(s.getValue().replace("_", ""));
            if (n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0) {
                return n.intValueExact();
            }
        }
        return bad(key, value, accepts);
    }

    /** A required number within {@code range}; fractions allowed. */
    public Double number(String key, NumberRange range) {
        return number(key, range, null);
    }

    /** A number within {@code range}, {@code defaultValue} when absent (required if that is null). */
    public Double number(String key, NumberRange range, Double defaultValue) {
        Node value = lookUp(key);
        if (value == null) return missing(key, range.describe(), defaultValue);
        if (value instanceof ScalarNode s
                && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))
                && DECIMAL.matcher(s.getValue()).matches()) {
            double n = Double.parseDouble(s.getValue().replace("_", ""));
            if (range.contains(n)) return n;
        }
        return bad(key, value, range.describe());
    }

    /** Non-blank text, {@code defaultValue} when absent (required if that is null). */
    public String text(String key, String accepts, String defaultValue) {
        Node value = lookUp(key);
        if (value == null) return missing(key, accepts, defaultValue);
        if (value instanceof ScalarNode s
                && !s.getTag().equals(Tag.NULL)
                && !s.getValue().isBlank()) {
            return s.getValue();
        }
        return bad(key, value, accepts);
    }

    /** A list of non-blank texts; empty when absent. */
    public List<String> texts(String key, String accepts) {
        Node value = lookUp(key);
        if (value == null) return List.of();
        if (!(value instanceof SequenceNode seq)) {
            bad(key, value, "a list of " + accepts);
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s
                    && !s.getTag().equals(Tag.NULL)
                    && !s.getValue().isBlank()) {
                out.add(s.getValue());
            } else {
                problems.add(lineOf(item), field(key), "each item must be " + accepts + ", was " + shown(item));
            }
        }
        return List.copyOf(out);
    }

    /**
     * A list of mappings, each read as a section named {@code key[i]}; empty when absent (a problem
     * first if {@code required}). An item that is not a mapping is reported and left out.
     */
    public List<YamlSection> sectionList(String key, boolean required, String what) {
        Node value = lookUp(key);
        if (value == null) {
            if (required && readable) problems.add(line, field(key), "is required: a list of " + what);
            return List.of();
        }
        if (!(value instanceof SequenceNode seq)) {
            bad(key, value, "a list of " + what);
            return List.of();
        }
        if (seq.getValue().isEmpty()) problems.add(lineOf(value), field(key), "must list at least one of " + what);
        List<YamlSection> out = new java.util.ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            String itemPath = field(key) + "[" + i + "]";
            if (item instanceof MappingNode mapping) {
                out.add(new YamlSection(problems, itemPath, lineOf(item), mapping.getValue()));
            } else {
                problems.add(lineOf(item), itemPath, "must be a mapping of " + what + ", was " + shown(item));
            }
        }
        return List.copyOf(out);
    }

    /** A mapping of names to non-blank texts (HTTP headers, say), in file order; empty when absent. */
    public Map<String, String> textMap(String key, String accepts) {
        Node value = lookUp(key);
        if (value == null) return Map.of();
        if (!(value instanceof MappingNode mapping)) {
            bad(key, value, "a mapping of " + accepts);
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode name
                    && !name.getValue().isBlank()
                    && tuple.getValueNode() instanceof ScalarNode v
                    && !v.getTag().equals(Tag.NULL)) {
                if (out.putIfAbsent(name.getValue(), v.getValue()) != null) {
                    problems.add(lineOf(name), field(key) + "." + name.getValue(), "given twice");
                }
            } else {
                problems.add(
                        lineOf(tuple.getKeyNode()),
                        field(key),
                        "each entry must be " + accepts + ", was " + shown(tuple.getValueNode()));
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A list of whole numbers within {@code [min, max]}; empty when absent. */
    public List<Integer> wholeNumbers(String key, int min, int max) {
        String accepts = "a whole number from " + min + " to " + max;
        Node value = lookUp(key);
        if (value == null) return List.of();
        if (!(value instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            bad(key, value, "a non-empty list of " + accepts + " such as [200, 201]");
            return List.of();
        }
        List<Integer> out = new java.util.ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s
                    && s.getTag().equals(Tag.INT)
                    && WHOLE.matcher(s.getValue()).matches()) {
                BigInteger n = new BigInteger(s.getValue().replace("_", ""));
                if (n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0) {
                    out.add(n.intValueExact());
                    continue;
                }
            }
            problems.add(lineOf(item), field(key), "each item must be " + accepts + ", was " + shown(item));
        }
        return List.copyOf(out);
    }

    /** The line of a field's value, for problems found after reading (an unknown name, say). */
    public int lineOfValue(String key) {
        NodeTuple tuple = fields.get(key);
        return tuple == null ? line : lineOf(tuple.getValueNode());
    }

    /** Whether the field is given; declares it accepted here. */
    public boolean has(String key) {
        return lookUp(key) != null;
    }

    /** The field names given in this section, in file order. */
    public Set<String> keys() {
        return new LinkedHashSet<>(fields.keySet());
    }

    public boolean readable() {
        return readable;
    }

    /** Refuses a field that does not belong here although it exists elsewhere, saying why. */
    public void reject(String key, String message) {
        NodeTuple tuple = fields.get(key);
        if (tuple == null || !rejected.add(key)) return;
        problems.add(lineOf(tuple.getKeyNode()), field(key), message);
    }

    /** Accepts a field without reading it, when whether it belongs here cannot be told. */
    public void ignore(String key) {
        accepted.add(key);
    }

    /** A problem with a field's value found by a check across fields; on the value's line. */
    public void problemAt(String key, String message) {
        NodeTuple tuple = fields.get(key);
        problems.add(tuple == null ? line : lineOf(tuple.getValueNode()), field(key), message);
    }

    /** A problem with the section as a whole, on the line of its key. */
    public void problemHere(String message) {
        problems.add(line, path, message);
    }

    /** Reports the fields given here that nobody asked for: typos, or fields of another section. */
    public void finish() {
        for (Map.Entry<String, NodeTuple> given : fields.entrySet()) {
            String key = given.getKey();
            if (accepted.contains(key) || rejected.contains(key)) continue;
            String hint = Spelling.closest(key, accepted)
                    .map(k -> "did you mean " + k + "? ")
                    .orElse("");
            problems.add(
                    lineOf(given.getValue().getKeyNode()),
                    field(key),
                    "unknown field; " + hint + "accepted here: " + String.join(", ", accepted));
        }
    }

    public String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public static int lineOf(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** How a value is quoted back in a problem: as written, or what kind of thing it is. */
    public static String shown(Node value) {
        if (value instanceof MappingNode) return "a mapping";
        if (value instanceof SequenceNode) return "a list";
        ScalarNode s = (ScalarNode) value;
        if (s.getTag().equals(Tag.NULL)) return "empty";
        String text = s.getValue().length() > 40 ? s.getValue().substring(0, 40) + "..." : s.getValue();
        return s.isPlain() ? text : "\"" + text + "\" (quoted, so text)";
    }

    private void index(List<NodeTuple> tuples) {
        for (NodeTuple tuple : tuples) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode name) || !name.isPlain()) {
                problems.add(lineOf(key), path, "field names must be plain words, was " + shown(key));
                continue;
            }
            NodeTuple first = fields.putIfAbsent(name.getValue(), tuple);
            if (first != null) {
                problems.add(
                        lineOf(key),
                        field(name.getValue()),
                        "given twice; the first is on line " + lineOf(first.getKeyNode()));
            }
        }
    }

    private Node lookUp(String key) {
        accepted.add(key);
        NodeTuple tuple = fields.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    private Node keyNode(String key) {
        return fields.get(key).getKeyNode();
    }

    private <T> T missing(String key, String accepts, T defaultValue) {
        if (defaultValue == null && readable) problems.add(line, field(key), "is required: " + accepts);
        return defaultValue;
    }

    private <T> T bad(String key, Node value, String accepts) {
        problems.add(lineOf(value), field(key), "must be " + accepts + ", was " + shown(value));
        return null;
    }

    /** Bounds of a number field, built by name so a lower and an upper bound cannot be swapped. */
    public record NumberRange(double min, boolean minIncluded, double max) {
        public static NumberRange above(double min) {
            return new NumberRange(min, false, Double.POSITIVE_INFINITY);
        }

        public static NumberRange from(double min) {
            return new NumberRange(min, true, Double.POSITIVE_INFINITY);
        }

        public NumberRange upTo(double max) {
            return new NumberRange(min, minIncluded, max);
        }

        public boolean contains(double n) {
            return Double.isFinite(n) && (minIncluded ? n >= min : n > min) && n <= max;
        }

        /** What the range accepts, for a problem: {@code a number > 0 and <= 100}. */
        public String describe() {
            if (Double.isInfinite(max)) return "a number " + (minIncluded ? ">= " : "> ") + plain(min);
            if (minIncluded) return "a number from " + plain(min) + " to " + plain(max);
            return "a number > " + plain(min) + " and <= " + plain(max);
        }

        public static String plain(double n) {
            return BigDecimal.valueOf(n).stripTrailingZeros().toPlainString();
        }
    }
}
