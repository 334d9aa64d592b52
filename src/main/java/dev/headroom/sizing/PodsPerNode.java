package dev.headroom.sizing;

import java.util.Objects;

/**
 * How many application pods of one size fit on a node, and which resource ran out first: the
 * sizer prints that, since it says what a bigger or different node would buy.
 *
 * @param pods the application pods that fit, 0 when not even one does
 * @param limitedBy the resource that set {@code pods}
 * @param byCpu pods the CPU left after daemons would hold
 * @param byMemory pods the memory left after daemons would hold
 * @param byMaxPods max-pods slots left after daemons
 */
public record PodsPerNode(int pods, Limit limitedBy, int byCpu, int byMemory, int byMaxPods, NodeAllocatable node) {

    /** A resource that can bound the pods on a node; {@link #key()} is how reports name it. */
    public enum Limit {
        CPU("cpu"),
        MEMORY("memory"),
        MAX_PODS("max_pods");

        private final String key;

        Limit(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public PodsPerNode {
        Objects.requireNonNull(limitedBy, "limitedBy");
        Objects.requireNonNull(node, "node");
        if (byCpu < 0 || byMemory < 0 || byMaxPods < 0) {
            throw new IllegalArgumentException("pod counts must be >= 0");
        }
        int bound =
                switch (limitedBy) {
                    case CPU -> byCpu;
                    case MEMORY -> byMemory;
                    case MAX_PODS -> byMaxPods;
                };
        if (pods != bound || pods > Math.min(byCpu, Math.min(byMemory, byMaxPods))) {
            throw new IllegalArgumentException("pods " + pods + " must be the smallest bound, set by " + limitedBy);
        }
    }
}
