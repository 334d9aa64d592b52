package dev.headroom.scenario;

/**
 * Open model: arrivals at a fixed rate whatever the service does, as real traffic arrives. Step k
 * offers {@code startRps + (k - 1) * stepRps} requests per second.
 */
public record OpenLoad(
        double warmupRps,
        double warmupS,
        double startRps,
        double stepRps,
        int steps,
        double stepDurationS,
        double rampS)
        implements LoadShape {
    @Override
    public LoadModel model() {
        return LoadModel.OPEN;
    }

    public OpenLoad {
        Checks.positive("warmupRps", warmupRps);
        Checks.nonNegative("warmupS", warmupS);
        Checks.positive("startRps", startRps);
        Checks.nonNegative("stepRps", stepRps);
        Checks.positive("steps", steps);
        Checks.positive("stepDurationS", stepDurationS);
        Checks.nonNegative("rampS", rampS);
    }

    @Override
    public double offeredAt(int step) {
        return startRps + (step - 1) * stepRps;
    }
}
