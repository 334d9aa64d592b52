package dev.headroom.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The samples of one scrape in the Prometheus text exposition format (version 0.0.4).
 *
 * <p>Hand-written on purpose: the Prometheus Java client only writes this format, and the figures
 * Headroom reads are plain counters and gauges, so a line parser is all that is needed.
 *
 * @see "https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format"
 */
public final class PrometheusText {

    /** One sample line: metric name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Sample sample = parseLine(line.strip());
            if (sample != null) samples.add(sample);
        }
        return new PrometheusText(List.copyOf(samples));
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Sum of all samples of {@code name} whose labels pass {@code labels}; NaN when there is none. */
    public double sum(String name, Predicate<Map<String, String>> labels) {
        double total = 0;
        boolean found = false;
        for (Sample s : samples) {
            if (s.name.equals(name) && labels.test(s.labels)) {
                total += s.value;
                found = true;
            }
        }
        return found ? total : Double.NaN;
    }

    public double sum(String name) {
        return sum(name, l -> true);
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) return null;
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        String rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int end = parseLabels(line, brace + 1, labels);
            if (end < 0) return null;
            rest = line.substring(end + 1).strip();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        }
        String valueText = rest.split(" ")[0]; // an optional timestamp may follow
        return new Sample(name, Map.copyOf(labels), parseValue(valueText));
    }

    /** Reads {@code k="v",...} from {@code from}; returns the index of the closing brace, or -1. */
    private static int parseLabels(String line, int from, Map<String, String> into) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') return i;
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') return -1;
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length(); j++) {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else if (v == '"') {
                    break;
                } else {
                    value.append(v);
                }
            }
            into.put(key, value.toString());
            i = j + 1;
        }
        return -1;
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
