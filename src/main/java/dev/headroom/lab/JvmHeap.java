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
     * The options a JVM takes from its environment, in the order HotSpot applies them around its
     * command line (the last of a flag wins): {@code JAVA_TOOL_OPTIONS} first (HotSpot's
     * Arguments::parse reads it before the command line), then {@code JDK_JAVA_OPTIONS} (the
     * {@code java} launcher puts it in front of the command line's options), and after the command
     * line {@code _JAVA_OPTIONS}, which HotSpot reads last: whatever order /proc lists them in.
     *
     * @param beforeCommandLine {@code JAVA_TOOL_OPTIONS} then {@code JDK_JAVA_OPTIONS}
     * @param afterCommandLine {@code _JAVA_OPTIONS}
     */
    public record JavaOptions(String beforeCommandLine, String afterCommandLine) {
        public static final JavaOptions NONE = new JavaOptions("", "");

        /** From a process's environment, {@code NAME=value} entries. */
        public static JavaOptions of(List<String> environment) {
            Map<String, String> env = new LinkedHashMap<>();
            for (String entry : environment) {
                int eq = entry.indexOf('=');
                if (eq > 0) env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
            return new JavaOptions(
                    env.getOrDefault("JAVA_TOOL_OPTIONS", "") + " " + env.getOrDefault("JDK_JAVA_OPTIONS", ""),
                    env.getOrDefault("_JAVA_OPTIONS", ""));
        }
    }

    /**
     * The heap of a process, when it is a JVM ({@code command} is the executable's file name):
     * {@code javaOptions} read before its command line, then the command line's options, up to the
     * main class or {@code -jar}, after which the arguments are the application's. An
     * {@code @argfile}'s options are not read (the launcher expands it; the file may be gone): a heap
     * flag in one is missed, which the gauges then show (load.LoadRun keeps theirs when they disagree).
     */
    public static Optional<JvmHeap> of(String command, List<String> arguments, String javaOptions) {
        return of(command, arguments, new JavaOptions(javaOptions, ""));
    }

    /** As {@link #of(String, List, String)}, with the environment's options before and after the command line. */
    public static Optional<JvmHeap> of(String command, List<String> arguments, JavaOptions javaOptions) {
        if (!"java".equals(command)) return Optional.empty();
        List<String> options = new ArrayList<>(words(javaOptions.beforeCommandLine()));
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals("-jar") || !a.startsWith("-")) break;
            options.add(a);
            if (WITH_VALUE.contains(a)) i++;
        }
        options.addAll(words(javaOptions.afterCommandLine()));
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

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
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
                + " then sized from at least its heap maximum (plus the non-heap and direct buffers where its"
                + " metrics have Micrometer's JVM memory gauges), when the heap maximum was set. Start it with"
                + " -Xms equal to -Xmx"
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
