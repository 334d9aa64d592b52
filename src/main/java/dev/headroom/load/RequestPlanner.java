package dev.headroom.load;

import dev.headroom.scenario.Scenario;
import dev.headroom.service.seed.SeedResult;
import java.util.random.RandomGenerator;

/** Chooses each request of a run: which one of the scenario's, and what to send. */
public sealed interface RequestPlanner permits ReferencePlanner, OwnServicePlanner {

    /**
     * One request to send.
     *
     * @param index where the recorder files it: its position in {@link Scenario#requestNames()}
     * @param path appended to the target's base URL
     * @param body null when the request has none
     * @param idempotencyKey the reference service's order key, else null
     * @param replay whether this create resends an earlier key (reference service only)
     */
    record Request(int index, String name, String path, String body, String idempotencyKey, boolean replay) {}

    Request next(RandomGenerator random);

    /** The planner for the scenario: the reference service's mix, or the user's own requests. */
    static RequestPlanner of(Scenario scenario, SeedResult catalog, OrderLedger ledger) {
        return scenario.ownService()
                ? new OwnServicePlanner(scenario.requests())
                : new ReferencePlanner(scenario.mix(), catalog, ledger);
    }
}
