package dev.headroom.load;

import dev.headroom.scenario.Scenario;
import dev.headroom.service.seed.SeedResult;
import java.util.random.RandomGenerator;

/**
 * The requests a scenario file lists, for a simulation that sends them itself (Headroom's own
 * {@code CapacitySimulation}): which one to send next and what to send, and, for the reference
 * service, the ledger of acknowledged orders the integrity check reconciles after the run.
 */
public final class ScenarioRequests {
    private final RequestPlanner planner;
    private final OrderLedger ledger;

    ScenarioRequests(Scenario scenario, SeedResult catalog, OrderLedger ledger) {
        this.planner = RequestPlanner.of(scenario, catalog, ledger);
        this.ledger = ledger;
    }

    /** The next request of the scenario's mix, with its path (and body) filled in. */
    public RequestPlanner.Request next(RandomGenerator random) {
        return planner.next(random);
    }

    /** The reference service answered a create with this order id: the integrity check will look for it. */
    public void acknowledged(String idempotencyKey, long orderId, boolean replay) {
        ledger.acknowledged(idempotencyKey, orderId, replay);
    }

    OrderLedger ledger() {
        return ledger;
    }
}
