package dev.headroom.load;

import dev.headroom.scenario.Endpoint;
import dev.headroom.service.seed.SeedResult;
import java.util.Arrays;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The reference service's endpoints by the scenario's weights, with ids that exist in the seeded
 * data, so every endpoint does its real database work rather than answering 404.
 */
public final class ReferencePlanner implements RequestPlanner {
    /** Share of creates sent again with an earlier key, as a client retrying after a timeout would. */
    static final double REPLAY_SHARE = 0.02;

    private static final int MAX_LINES = 3;

    private final WeightedChoice choice;
    private final SeedResult catalog;
    private final OrderLedger ledger;

    public ReferencePlanner(Map<Endpoint, Integer> mix, SeedResult catalog, OrderLedger ledger) {
        this.catalog = catalog;
        this.ledger = ledger;
        // indexed by ordinal: the recorder files the reference endpoints in Endpoint order
        this.choice = new WeightedChoice(Arrays.stream(Endpoint.values())
                .map(e -> mix.getOrDefault(e, 0))
                .toList());
    }

    @Override
    public Request next(RandomGenerator random) {
        Endpoint endpoint = Endpoint.values()[choice.next(random)];
        long storeId = 1 + random.nextInt(catalog.stores());
        return switch (endpoint) {
            case MENU -> request(endpoint, "/stores/" + storeId + "/menu");
            case CREATE_ORDER -> {
                if (random.nextDouble() < REPLAY_SHARE) {
                    var replay = ledger.keyToReplay();
                    if (replay.isPresent()) yield create(storeId, replay.get(), random, true);
                }
                yield create(storeId, ledger.newKey(), random, false);
            }
            case GET_ORDER -> {
                long highest = Math.max(1, ledger.highestOrderId());
                yield request(endpoint, "/orders/" + (1 + (long) (random.nextDouble() * highest)));
            }
            case RECENT_ORDERS -> request(endpoint, "/stores/" + storeId + "/orders?limit=20");
            case BASELINE -> request(endpoint, "/baseline");
        };
    }

    private static Request request(Endpoint endpoint, String path) {
        return new Request(endpoint.ordinal(), endpoint.key(), path, null, null, false);
    }

    private Request create(long storeId, String key, RandomGenerator random, boolean replay) {
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
        return new Request(
                Endpoint.CREATE_ORDER.ordinal(), Endpoint.CREATE_ORDER.key(), "/orders", body.toString(), key, replay);
    }
}
