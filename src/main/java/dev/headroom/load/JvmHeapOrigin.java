package dev.headroom.load;

import dev.headroom.lab.JvmHeap;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a JVM service's heap maximum was chosen for it, and so is a floor the sizer may hold its
 * memory to and an {@code -Xmx} the outputs may pin (run.json {@code service_jvm_memory.heap_max_set}),
 * or the JVM's default: {@value #DEFAULT_HEAP_PERCENT} % of the memory it sees (HotSpot's
 * MaxRAMPercentage), which on a test host says how large the host is, not what the service needs
 * (a plain {@code java -jar} on a 64 GiB machine may grow to 16 GiB).
 *
 * @param set whether the heap maximum was set for the service
 * @param why how that is known
 */
record JvmHeapOrigin(boolean set, String why) {
    /** HotSpot's default MaxRAMPercentage. */
    static final double DEFAULT_HEAP_PERCENT = 25;

    /** How close to 25 % of the host's memory a heap counts as the default: HotSpot aligns it down a little. */
    static final double DEFAULT_TOLERANCE = 0.03;

    /**
     * @param referenceService the lab's own service, which the lab starts with {@code -Xmx}
     * @param flags the heap flags of the service's process, when Headroom found it and it is a JVM
     * @param heapMaxMib the heap maximum its metrics report
     * @param hostMemoryMib this host's memory ({@code MemTotal}), NaN when unknown
     */
    static JvmHeapOrigin of(
            boolean referenceService, Optional<JvmHeap> flags, double heapMaxMib, double hostMemoryMib) {
        if (referenceService) return new JvmHeapOrigin(true, "the lab starts the reference service with -Xmx");
        if (flags.isPresent()) {
            return flags.get().maxHeapBytes().isPresent()
                    ? new JvmHeapOrigin(true, "-Xmx or -XX:MaxHeapSize on the process's command line or options")
                    : new JvmHeapOrigin(
                            false,
                            "the process's command line and options set no -Xmx: the heap maximum is the JVM's"
                                    + " default, a share of the memory it sees");
        }
        double defaultMib = hostMemoryMib * DEFAULT_HEAP_PERCENT / 100;
        if (Math.abs(heapMaxMib - defaultMib) <= defaultMib * DEFAULT_TOLERANCE) {
            return new JvmHeapOrigin(
                    false,
                    String.format(
                            Locale.ROOT,
                            "%.0f MiB is %.0f %% of this host's %.0f MiB, the JVM's default heap: taken as not set",
                            heapMaxMib,
                            DEFAULT_HEAP_PERCENT,
                            hostMemoryMib));
        }
        return new JvmHeapOrigin(
                true,
                "the process was not seen (a container?) and the heap maximum is not the JVM's default for this"
                        + " host's memory: taken as set (in a container, the default is a share of its limit)");
    }
}
