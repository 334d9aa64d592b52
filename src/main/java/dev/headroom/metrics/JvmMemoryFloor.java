package dev.headroom.metrics;

import java.util.List;
import java.util.Optional;
import java.util.stream.DoubleStream;

/**
 * What a JVM service will hold in memory once its whole heap is resident, as far as its metrics
 * endpoint says: the heap's maximum, the non-heap it has committed (metaspace, compressed class
 * space, code cache) and the direct buffers it holds (NIO's {@code ByteBuffer.allocateDirect},
 * zeroed and so resident when allocated: HotSpot's {@code Unsafe_SetMemory0} in
 * java.nio.DirectByteBuffer's constructor). A lower bound of that resident set: thread stacks, the
 * collector's own structures, the allocator's arenas and memory a library takes outside the JDK's
 * buffer pool (Netty's pooled allocator without a cleaner, a JNI library) are outside it. Mapped
 * buffers are not counted: their pages are a file's, which the kernel may drop and read again.
 *
 * <p>Why the sizer needs it: a JVM commits heap pages as it needs them and touches them as the
 * collector first allocates in them, so the resident set of a few minutes' test can sit far below
 * the heap the JVM is allowed ({@code -Xmx}) and will grow into over hours or under a burst. A
 * memory limit sized from that resident set is a limit below {@code -Xmx}: the container is killed
 * when the heap grows (measured on the lab's service without pre-touch, 2026-12-06: 601 MiB resident
 * after five minutes with a 512 MiB heap, 748 MiB once every heap page was touched; docs/metrics.md).
 *
 * <p>The gauges: Micrometer's {@code jvm.memory.max} and {@code jvm.memory.committed}, one series per
 * memory pool tagged {@code area} and {@code id}; a pool without a defined maximum reports -1 (G1's
 * eden and survivor spaces: their maximum is the old generation's, which is the heap's). The
 * Prometheus Java client 1.x writes one series per area under the same names. Where the young
 * generation is split into eden and survivor pools (G1, serial, parallel), the generations are
 * parts of the heap and the heap maximum is the sum of their defined ({@code >= 0}) maxima:
 * {@code -Xmx} under G1, within one survivor space of it under the serial and parallel collectors.
 * Elsewhere each pool may report the whole heap (generational ZGC's young and old generations both
 * report {@code -Xmx}: HotSpot zServiceability.cpp), so the heap maximum is the largest pool's:
 * ZGC's and Shenandoah's single pool, or either generation.
 *
 * <p>Direct buffers: Micrometer's {@code jvm.buffer.memory.used} ({@code
 * jvm_buffer_memory_used_bytes}), one series per JDK buffer pool tagged {@code id}; the pool named
 * {@code direct} (java.lang.management.BufferPoolMXBean). The largest seen: a buffer pool grows under
 * load and is kept for reuse.
 *
 * @param heapMaxBytes the heap's maximum
 * @param nonHeapCommittedBytes the non-heap committed, the largest seen
 * @param directBufferBytes the direct buffers' memory in use, the largest seen (0 when not exported)
 */
public record JvmMemoryFloor(double heapMaxBytes, double nonHeapCommittedBytes, double directBufferBytes) {
    /** Micrometer's {@code jvm.memory.max} gauge. */
    static final String JVM_MEMORY_MAX = "jvm_memory_max_bytes";

    /** Micrometer's {@code jvm.buffer.memory.used} gauge. */
    static final String JVM_BUFFER_MEMORY_USED = "jvm_buffer_memory_used_bytes";

    /** The JDK's buffer pool of {@code ByteBuffer.allocateDirect}. */
    static final String DIRECT_POOL = "direct";

    private static final double MIB = 1024 * 1024;

    public JvmMemoryFloor {
        if (!(heapMaxBytes > 0)) throw new IllegalArgumentException("heap max must be > 0 bytes, got " + heapMaxBytes);
        if (!(nonHeapCommittedBytes >= 0))
            throw new IllegalArgumentException("non-heap committed must be >= 0 bytes, got " + nonHeapCommittedBytes);
        if (!(directBufferBytes >= 0))
            throw new IllegalArgumentException("direct buffers must be >= 0 bytes, got " + directBufferBytes);
    }

    /** From one scrape; empty when it has no defined heap maximum (not a JVM, or no JVM memory meters). */
    public static Optional<JvmMemoryFloor> read(PrometheusText scrape) {
        List<PrometheusText.Sample> heapPools = scrape.samples().stream()
                .filter(x -> x.name().equals(JVM_MEMORY_MAX)
                        && "heap".equals(x.labels().get("area")))
                .toList();
        double nonHeap = scrape.sum(AppMemory.JVM_MEMORY_COMMITTED, l -> "nonheap".equals(l.get("area")));
        double direct = scrape.sum(JVM_BUFFER_MEMORY_USED, l -> DIRECT_POOL.equals(l.get("id")));
        return of(heapPools, nonHeap, direct);
    }

    /**
     * From the heap pools' {@code jvm_memory_max_bytes} series (area heap, one per pool, tagged
     * {@code id}) and the two sums, however they were read (a scrape, or a Prometheus's PromQL);
     * empty when no heap pool has a defined maximum. A sum that is NaN was not exported: 0.
     */
    public static Optional<JvmMemoryFloor> of(
            List<PrometheusText.Sample> heapPools, double nonHeapCommittedBytes, double directBufferBytes) {
        boolean edenAndSurvivors = heapPools.stream()
                .map(x -> x.labels().getOrDefault("id", ""))
                .anyMatch(id -> id.contains("Eden") || id.contains("Survivor"));
        // only the pools that have a maximum (G1's eden and survivor report -1)
        DoubleStream maxima =
                heapPools.stream().mapToDouble(PrometheusText.Sample::value).filter(JvmMemoryFloor::isSize);
        double heapMax = edenAndSurvivors ? maxima.sum() : maxima.max().orElse(Double.NaN);
        if (!(heapMax > 0)) return Optional.empty();
        return Optional.of(
                new JvmMemoryFloor(heapMax, bytesOrZero(nonHeapCommittedBytes), bytesOrZero(directBufferBytes)));
    }

    /** A sum not exported (NaN) or not a size (negative, infinite) counts as 0. */
    private static double bytesOrZero(double bytes) {
        return isSize(bytes) ? bytes : 0;
    }

    /** A byte count a gauge can mean: finite and not negative (not NaN, -1 or +Inf). */
    private static boolean isSize(double bytes) {
        return bytes >= 0 && bytes < Double.POSITIVE_INFINITY;
    }

    /**
     * The larger of each figure: the heap's maximum is fixed, the non-heap grows as code is compiled,
     * a buffer pool as connections are opened.
     */
    public JvmMemoryFloor max(JvmMemoryFloor other) {
        return new JvmMemoryFloor(
                Math.max(heapMaxBytes, other.heapMaxBytes),
                Math.max(nonHeapCommittedBytes, other.nonHeapCommittedBytes),
                Math.max(directBufferBytes, other.directBufferBytes));
    }

    /**
     * The same, with the heap maximum the JVM was started with ({@code -Xmx} on a command line
     * Headroom read): exact, where the pools' maxima under the serial and parallel collectors fall a
     * survivor space short of it (docs/metrics.md).
     */
    public JvmMemoryFloor withHeapMaxBytes(double bytes) {
        return new JvmMemoryFloor(bytes, nonHeapCommittedBytes, directBufferBytes);
    }

    public double heapMaxMib() {
        return heapMaxBytes / MIB;
    }

    public double nonHeapCommittedMib() {
        return nonHeapCommittedBytes / MIB;
    }

    public double directBufferMib() {
        return directBufferBytes / MIB;
    }

    /** The memory outside the heap that the gauges show: non-heap committed plus direct buffers, in MiB. */
    public double outsideHeapMib() {
        return nonHeapCommittedMib() + directBufferMib();
    }

    /** Heap maximum plus non-heap committed plus direct buffers, in MiB. */
    public double floorMib() {
        return heapMaxMib() + outsideHeapMib();
    }

    /**
     * The gauges this reads, as run.json names its source.
     *
     * @param heapFromCommandLine whether the heap maximum was taken from the process's {@code -Xmx}
     * @param from where the gauges were read: the metrics endpoint, a Prometheus
     */
    public static String source(boolean heapFromCommandLine, String from) {
        String heap = heapFromCommandLine
                ? "-Xmx or -XX:MaxHeapSize of the service's process"
                : JVM_MEMORY_MAX + " (area heap, pools with a defined maximum)";
        return heap + " + " + AppMemory.JVM_MEMORY_COMMITTED + " (area nonheap) + " + JVM_BUFFER_MEMORY_USED
                + " (id direct), the largest seen, from " + from;
    }
}
