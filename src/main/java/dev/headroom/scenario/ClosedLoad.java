package dev.headroom.scenario;

/**
 * Closed model: a fixed number of users, each sending a request, waiting for the answer, then
 * thinking; as the breakpoint tests of Headroom's users do (+N users per step).
 */
public record ClosedLoad(
        int warmupUsers,
        double warmupS,
        int startUsers,
        int stepUsers,
        int steps,
        double stepDurationS,
        double rampS,
        double thinkTimeS)
        implements LoadShape {
    @Override
    public LoadModel model() {
        return LoadModel.CLOSED;
    }

    public ClosedLoad {
        Checks.positive("warmupUsers", warmupUsers);
        Checks.nonNegative("warmupS", warmupS);
        Checks.positive("startUsers", startUsers);
        Checks.nonNegative("stepUsers", stepUsers);
        Checks.positive("steps", steps);
        Checks.positive("stepDurationS", stepDurationS);
        Checks.nonNegative("rampS", rampS);
        Checks.nonNegative("thinkTimeS", thinkTimeS);
    }

    @Override
    public double offeredAt(int step) {
        return usersAt(step);
    }

    public int usersAt(int step) {
        return startUsers + (step - 1) * stepUsers;
    }
}
