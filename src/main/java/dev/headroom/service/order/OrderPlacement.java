package dev.headroom.service.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places an order at most once per idempotency key: a retry, or a concurrent twin, gets the order
 * the first request created.
 */
@Service
class OrderPlacement {
    private final OrderRepository orders;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExtraCpuWork extraWork;

    OrderPlacement(OrderRepository orders, TransactionTemplate transactions, Clock clock, ExtraCpuWork extraWork) {
        this.orders = orders;
        this.transactions = transactions;
        this.clock = clock;
        this.extraWork = extraWork;
    }

    /** The order, and whether this call created it (false: it existed under this key already). */
    record Placed(Order order, boolean created) {}

    Placed place(String idempotencyKey, PlaceOrderRequest request) {
        try {
            return transactions.execute(tx -> orders.findByIdempotencyKey(idempotencyKey)
                    .map(existing -> new Placed(existing, false))
                    .orElseGet(() -> new Placed(insert(idempotencyKey, request), true)));
        } catch (DuplicateKeyException concurrentTwin) {
            // A request with the same key committed between our lookup and our insert: the unique
            // index refused the second order and our transaction rolled back. Theirs is visible now.
            return orders.findByIdempotencyKey(idempotencyKey)
                    .map(existing -> new Placed(existing, false))
                    .orElseThrow(() -> concurrentTwin);
        }
    }

    private Order insert(String idempotencyKey, PlaceOrderRequest request) {
        long storeId = request.storeId();
        Set<Long> itemIds = new LinkedHashSet<>();
        request.lines().forEach(line -> itemIds.add(line.itemId()));
        Map<Long, Integer> pricesCents = orders.availablePricesCents(storeId, itemIds);
        if (!pricesCents.keySet().containsAll(itemIds)) {
            itemIds.removeAll(pricesCents.keySet());
            throw new UnavailableItemsException(storeId, itemIds);
        }
        List<OrderLine> lines = request.lines().stream()
                .map(line -> new OrderLine(line.itemId(), line.quantity(), pricesCents.get(line.itemId())))
                .toList();
        long totalCents = lines.stream().mapToLong(OrderLine::lineTotalCents).sum();
        extraWork.burn(); // nothing unless a deliberately slower build was asked for (ExtraCpuWork)

        // The counter first: inserting the order takes a shared lock on the store's row (the
        // foreign key check), and two orders of one store that both hold it and then both ask to
        // upgrade it for this UPDATE deadlock. Locking the row first makes them queue instead.
        if (!orders.incrementOrderCount(storeId)) {
            throw new IllegalStateException("store " + storeId + " has menu items but no row");
        }
        // Milliseconds, as DATETIME(3) stores them, so this response equals a later read.
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long orderId = orders.insertOrder(storeId, idempotencyKey, OrderStatus.PLACED, totalCents, createdAt);
        orders.insertLines(orderId, lines);
        return new Order(orderId, storeId, OrderStatus.PLACED, totalCents, idempotencyKey, createdAt, lines);
    }
}
