package dev.headroom.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A JVM's heap as its command line sets it: the largest heap and whether its pages are written at
 * start ({@code -XX:+AlwaysPreTouch}). Why it matters: the sizer's memory request is the service's
 * peak resident memory, and a heap that is not pre-touched is resident only where the collector has
 * written, so a run of minutes reads less than the JVM holds after hours (three lab runs of one
 * commit read 601, 643 and 643 MiB; pre-touched, 743-748: docs/metrics.md, "The service's memory").
 * The lab pre-touches its own service; a service of yours is told, before any load, and the sizer
 * takes its heap maximum as a floor where its metrics say it (metrics.JvmMemoryFloor).
 *
 * @param maxHeapBytes the last {@code -Xmx} or {@code -XX:MaxHeapSize}, empty when the JVM's default
 * @param preTouched whether the last {@code -XX:[+-]AlwaysPreTouch} is {@code +}
 */
public record JvmHeap(OptionalLong maxHeapBytes, boolean preTouched) {

    /** Launcher options that take the next token as their value (java --help). */
    private static final Set<String> WITH_VALUE =
            Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path", "--add-modules", "--add-opens");

    /**
     * The heap of a process, when it is a JVM ({@code command} is the executable's file name):
     * {@code javaOptions} (the {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS} of its
     * environment, which the JVM reads before its command line) then the command line's options, up
     * to the main class or {@code -jar}, after which the arguments are the application's.
     */
    public static Optional<JvmHeap> of(String command, List<String> arguments, String javaOptions) {
        if (!"java".equals(command)) return Optional.empty();
        List<String> options = new ArrayList<>(List.of(javaOptions.trim().split("\\s+")));
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals("-jar") || !a.startsWith("-")) break;
            options.add(a);
            if (WITH_VALUE.contains(a)) i++;
        }
        OptionalLong max = OptionalLong.empty();
        boolean preTouched = false;
        for (String o : options) {
            if (o.startsWith("-Xmx")) max = bytes(o.substring(4));
            else if (o.startsWith("-XX:MaxHeapSize=")) max = bytes(o.substring("-XX:MaxHeapSize=".length()));
            else if (o.equals("-XX:+AlwaysPreTouch")) preTouched = true;
            else if (o.equals("-XX:-AlwaysPreTouch")) preTouched = false;
        }
        return Optional.of(new JvmHeap(max, preTouched));
    }

    /** A HotSpot size: digits with an optional k, m, g or t (either case); empty when not one. */
    public static OptionalLong bytes(String size) {
        if (size.isEmpty()) return OptionalLong.empty();
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long scale =
                switch (unit) {
                    case 'k' -> 1L << 10;
                    case 'm' -> 1L << 20;
                    case 'g' -> 1L << 30;
                    case 't' -> 1L << 40;
                    default -> 1;
                };
        String digits = scale == 1 ? size : size.substring(0, size.length() - 1);
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(digits), scale));
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** What a run of this JVM's memory misses, or empty when its heap is pre-touched. */
    public Optional<String> note() {
        if (preTouched) return Optional.empty();
        String heap = maxHeapBytes.isPresent()
                ? String.format(Locale.ROOT, "its heap of up to %d MiB", maxHeapBytes.getAsLong() >> 20)
                : "its heap (the JVM's default maximum: a share of the memory it sees)";
        return Optional.of(heap + " is not pre-touched: the resident memory of a run of minutes is what the"
                + " collector has touched so far, less than the JVM holds after hours. The memory request is"
                + " then sized from its heap maximum plus non-heap where its metrics have Micrometer's JVM memory"
                + " gauges (jvm_memory_max_bytes), else from what was measured. Start it with -Xms equal to -Xmx"
                + " and -XX:+AlwaysPreTouch while you measure, or set replica.memory_mib (docs/metrics.md)");
    }

    /** What run.json records under {@code lab.target.process.jvm_heap}. */
    public Map<String, Object> facts() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("max_heap_mib", maxHeapBytes.isPresent() ? (Object) (maxHeapBytes.getAsLong() >> 20) : "jvm default");
        f.put("pre_touched", preTouched);
        note().ifPresent(n -> f.put("note", n));
        return f;
    }
}
