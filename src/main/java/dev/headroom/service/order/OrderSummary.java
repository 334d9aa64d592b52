package dev.headroom.service.order;

import java.time.Instant;

/** An order without its lines, as listed among a store's recent orders. */
record OrderSummary(
        long id, long storeId, OrderStatus status, long totalCents, String idempotencyKey, Instant createdAt) {}
