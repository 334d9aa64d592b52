package dev.headroom.load;

import dev.headroom.scenario.Endpoint;
import dev.headroom.service.seed.SeedResult;
import java.util.Map;
import java.util.Random;

/**
 * Chooses each request: the endpoint by the scenario's weights, and ids that exist in the seeded
 * data, so every endpoint does its real database work rather than answering 404.
 */
public final class RequestPlanner {
    /** Share of creates sent again with an earlier key, as a client retrying after a timeout would. */
    static final double REPLAY_SHARE = 0.02;

    private static final int MAX_LINES = 3;

    /** One request to send. */
    public record Request(
            Endpoint endpoint, long storeId, long orderId, String idempotencyKey, String body, boolean replay) {}

    private final Endpoint[] byTicket;
    private final int[] cumulative;
    private final SeedResult catalog;
    private final OrderLedger ledger;

    public RequestPlanner(Map<Endpoint, Integer> mix, SeedResult catalog, OrderLedger ledger) {
        this.catalog = catalog;
        this.ledger = ledger;
        this.byTicket = mix.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(Map.Entry::getKey)
                .sorted()
                .toArray(Endpoint[]::new);
        this.cumulative = new int[byTicket.length];
        int sum = 0;
        for (int i = 0; i < byTicket.length; i++) {
            sum += mix.get(byTicket[i]);
            cumulative[i] = sum;
        }
    }

    public Request next(Random random) {
        int ticket = random.nextInt(cumulative[cumulative.length - 1]);
        int i = 0;
        while (ticket >= cumulative[i]) i++;
        Endpoint endpoint = byTicket[i];
        long storeId = 1 + random.nextInt(catalog.stores());
        switch (endpoint) {
            case CREATE_ORDER:
                if (random.nextDouble() < REPLAY_SHARE) {
                    var replay = ledger.keyToReplay();
                    if (replay.isPresent()) return create(storeId, replay.get(), random, true);
                }
                return create(storeId, ledger.newKey(), random, false);
            case GET_ORDER:
                long highest = Math.max(1, ledger.highestOrderId());
                return new Request(endpoint, storeId, 1 + (long) (random.nextDouble() * highest), null, null, false);
            default:
                return new Request(endpoint, storeId, 0, null, null, false);
        }
    }

    private Request create(long storeId, String key, Random random, boolean replay) {
        // a replay resends the key with a new body: the service must answer with the first order
        int lines = 1 + random.nextInt(MAX_LINES);
        long firstItem = (storeId - 1) * catalog.itemsPerStore() + 1;
        StringBuilder body =
                new StringBuilder(96).append("{\"storeId\":").append(storeId).append(",\"lines\":[");
        for (int l = 0; l < lines; l++) {
            if (l > 0) body.append(',');
            long itemId = firstItem + random.nextInt(catalog.itemsPerStore());
            body.append("{\"itemId\":")
                    .append(itemId)
                    .append(",\"quantity\":")
                    .append(1 + random.nextInt(3))
                    .append('}');
        }
        body.append("]}");
        return new Request(Endpoint.CREATE_ORDER, storeId, 0, key, body.toString(), replay);
    }
}
