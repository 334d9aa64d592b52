package dev.headroom.metrics;

/**
 * Two readings of the same meters over the same window: through Prometheus, and by Headroom's own
 * scrape of the actuator. They read one counter of one process, so they should agree closely; a gap
 * means one of the two readings missed part of the window.
 *
 * @param appCpuDirectSource where the direct CPU figure came from ({@code actuator}, or {@code proc}
 *     when the direct scrapes failed)
 */
public record CrossCheck(Agreement appCpuCores, String appCpuDirectSource, Agreement serverRps) {

    /**
     * @param relativeDifference {@code (prometheus - direct) / direct}; NaN when either is missing or
     *     direct is zero
     */
    public record Agreement(double prometheus, double direct, double relativeDifference) {
        public static Agreement of(double prometheus, double direct) {
            double rel = Double.isNaN(prometheus) || Double.isNaN(direct) || direct == 0
                    ? Double.NaN
                    : (prometheus - direct) / direct;
            return new Agreement(prometheus, direct, rel);
        }
    }
}
