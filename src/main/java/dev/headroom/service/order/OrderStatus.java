package dev.headroom.service.order;

/** Where an order is in its life; stored by name in {@code orders.status} (VARCHAR(16)). */
public enum OrderStatus {
    PLACED,
    PREPARING,
    DELIVERED
}
