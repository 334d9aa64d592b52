package dev.headroom.sizing;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The "Cisco" benchmark from B. Schwartz, Practical Scalability Analysis with the USL, as published
 * in codahale/usl4j's tests (src/test/java/com/codahale/usl4j/tests/ModelTest.java, the CISCO
 * array and the BOOK_* constants): throughput at concurrency 1 to 32, and the book's fitted model.
 */
public final class Cisco {
    private Cisco() {}

    public static final double[] THROUGHPUT = {
        955.16, 1878.91, 2688.01, 3548.68, 4315.54, 5130.43, 5931.37, 6531.08, 7219.8, 7867.61, 8278.71, 8646.7,
        9047.84, 9426.55, 9645.37, 9897.24, 10097.6, 10240.5, 10532.39, 10798.52, 11151.43, 11518.63, 11806, 12089.37,
        12075.41, 12177.29, 12211.41, 12158.93, 12155.27, 12118.04, 12140.4, 12074.39
    };

    public static final double BOOK_SIGMA = 0.02671591;
    public static final double BOOK_KAPPA = 7.690945e-4;
    public static final double BOOK_LAMBDA = 995.6486;
    /** usl4j floors N* to a whole number of workers before evaluating X(N*). */
    public static final double BOOK_PEAK_CONCURRENCY_FLOOR = 35;

    public static final double BOOK_MAX_THROUGHPUT = 12341;

    /** The measured points, concurrency i + 1 for THROUGHPUT[i]. */
    public static List<UslPoint> points() {
        return IntStream.range(0, THROUGHPUT.length)
                .mapToObj(i -> UslPoint.atConcurrency(i + 1).throughput(THROUGHPUT[i]))
                .toList();
    }
}
