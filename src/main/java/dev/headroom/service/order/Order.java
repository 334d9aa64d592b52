package dev.headroom.service.order;

import java.time.Instant;
import java.util.List;

/** An order with its lines. {@code idempotencyKey} is null for orders the seed created. */
record Order(
        long id,
        long storeId,
        OrderStatus status,
        long totalCents,
        String idempotencyKey,
        Instant createdAt,
        List<OrderLine> lines) {

    Order {
        lines = List.copyOf(lines);
    }
}
