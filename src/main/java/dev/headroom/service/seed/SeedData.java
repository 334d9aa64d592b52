package dev.headroom.service.seed;

import dev.headroom.service.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The seeded rows as pure functions of their ids, so two seeds of the same size are the same data,
 * row for row, with no random generator to keep in step.
 */
final class SeedData {
    /** Seeded orders are one minute apart, oldest first, ending long before any live order. */
    static final Instant FIRST_ORDER_AT = Instant.parse("2025-01-01T00:00:00Z");

    static final Instant STORES_CREATED_AT = FIRST_ORDER_AT.minus(Duration.ofDays(1));
    private static final int MAX_LINES_PER_ORDER = 3;
    private static final int MAX_QUANTITY = 3;

    private SeedData() {}

    /** Item {@code j} (1-based) of store {@code storeId} (1-based): ids are dense and store-major. */
    static long itemId(int storeId, int itemsPerStore, int j) {
        return (long) (storeId - 1) * itemsPerStore + j;
    }

    /** Between 3.00 and 16.00 in steps of 0.50, spread over the menu. */
    static int priceCents(long itemId) {
        return 300 + (int) (itemId * 7 % 27) * 50;
    }

    /** Round-robin, so every store has as many orders as any other, plus or minus one. */
    static int storeOf(long orderId, int stores) {
        return (int) ((orderId - 1) % stores) + 1;
    }

    static long ordersOfStore(int storeId, int stores, int orders) {
        return orders / stores + (storeId <= orders % stores ? 1 : 0);
    }

    /** Six in ten delivered, two preparing, two placed. */
    static OrderStatus statusOf(long orderId) {
        int tenth = (int) (orderId % 10);
        if (tenth < 6) return OrderStatus.DELIVERED;
        if (tenth < 8) return OrderStatus.PREPARING;
        return OrderStatus.PLACED;
    }

    /** One to three lines, never more than the menu has items, since an order's items differ. */
    static int linesOf(long orderId, int itemsPerStore) {
        return Math.min(1 + (int) (orderId % MAX_LINES_PER_ORDER), itemsPerStore);
    }

    /** The {@code line}-th (0-based) item of the order: consecutive menu positions, so all differ. */
    static long lineItemId(long orderId, int line, int stores, int itemsPerStore) {
        int j = (int) ((orderId * 31 + line) % itemsPerStore) + 1;
        return itemId(storeOf(orderId, stores), itemsPerStore, j);
    }

    static int lineQuantity(long orderId, int line) {
        return 1 + (int) ((orderId + line) % MAX_QUANTITY);
    }

    static Instant createdAt(long orderId) {
        return FIRST_ORDER_AT.plus(Duration.ofMinutes(orderId));
    }
}
