package dev.headroom.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a step's Micrometer figures come from. Headroom's own sampler always runs (it alone reads
 * /proc); a source may replace the figures it read from the actuator with another reading of the
 * same meters over the same window.
 */
public interface ServerSource {

    /** Headroom's own scrape of the actuator, as sampled. */
    ServerSource DIRECT = new ServerSource() {
        @Override
        public boolean ready(Instant windowEnd) {
            return true;
        }

        @Override
        public ServerFigures figures(ServerFigures direct, Instant windowStart, Instant windowEnd) {
            return direct;
        }
    };

    /**
     * Whether the figures of a window ending at {@code windowEnd} can be read now. Must not block for
     * long: it is asked once a second on the sampler's thread. A source that gives up waiting says
     * so in the step's notes and answers true.
     */
    boolean ready(Instant windowEnd);

    /** The window's figures, given those Headroom sampled itself over it ({@code direct}). */
    ServerFigures figures(ServerFigures direct, Instant windowStart, Instant windowEnd);

    /**
     * The service's JVM memory floor over the {@code range} before {@code end}, when this source
     * reads it apart from Headroom's own scrape (which gives it when it has an endpoint); empty
     * otherwise.
     */
    default Optional<JvmMemoryFloor> jvmMemoryFloor(Duration range, Instant end) {
        return Optional.empty();
    }

    /** Where {@link #jvmMemoryFloor} reads, for run.json. */
    default String name() {
        return "the metrics endpoint";
    }
}
