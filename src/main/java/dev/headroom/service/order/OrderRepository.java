package dev.headroom.service.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Orders and their lines, in plain SQL; every method is one statement, and there is no cache. */
@Repository
class OrderRepository {
    // One statement for an order and its lines, so a read holds one connection for one round trip.
    private static final String ORDER_WITH_LINES =
            """
            SELECT o.id, o.store_id, o.status, o.total_cents, o.idempotency_key, o.created_at,
                   l.menu_item_id, l.quantity, l.price_cents
            FROM orders o
            LEFT JOIN order_lines l ON l.order_id = o.id
            """;

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** By primary key, its lines by the {@code order_lines (order_id)} index. */
    Optional<Order> findById(long orderId) {
        return jdbc.sql(ORDER_WITH_LINES + "WHERE o.id = :orderId ORDER BY l.id")
                .param("orderId", orderId)
                .query(OrderRepository::orderWithLines);
    }

    /** By the unique index on {@code orders.idempotency_key}. */
    Optional<Order> findByIdempotencyKey(String idempotencyKey) {
        return jdbc.sql(ORDER_WITH_LINES + "WHERE o.idempotency_key = :key ORDER BY l.id")
                .param("key", idempotencyKey)
                .query(OrderRepository::orderWithLines);
    }

    /** Unit prices of those of the items that are on the store's menu and available, by item id. */
    Map<Long, Integer> availablePricesCents(long storeId, Collection<Long> itemIds) {
        Map<Long, Integer> prices = new HashMap<>();
        jdbc.sql(
                        """
                        SELECT id, price_cents
                        FROM menu_items
                        WHERE id IN (:itemIds) AND store_id = :storeId AND available = TRUE""")
                .param("itemIds", itemIds)
                .param("storeId", storeId)
                .query(rs -> {
                    prices.put(rs.getLong("id"), rs.getInt("price_cents"));
                });
        return prices;
    }

    /** Locks the store's row until the transaction ends; returns false if there is no such store. */
    boolean incrementOrderCount(long storeId) {
        return jdbc.sql("UPDATE stores SET order_count = order_count + 1 WHERE id = :storeId")
                        .param("storeId", storeId)
                        .update()
                == 1;
    }

    /** Returns the new order's id. */
    long insertOrder(long storeId, String idempotencyKey, OrderStatus status, long totalCents, Instant createdAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(
                        """
                        INSERT INTO orders (store_id, idempotency_key, status, total_cents, created_at)
                        VALUES (:storeId, :key, :status, :totalCents, :createdAt)""")
                .param("storeId", storeId)
                .param("key", idempotencyKey)
                .param("status", status.name())
                .param("totalCents", totalCents)
                .param("createdAt", LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /**
     * One multi-row INSERT: a single round trip whatever the number of lines, and whatever the
     * connection URL says about rewriting JDBC batches, so the SQL sent is the SQL written here.
     */
    void insertLines(long orderId, List<OrderLine> lines) {
        StringJoiner rows = new StringJoiner(", ");
        List<Object> values = new ArrayList<>(lines.size() * 4);
        for (OrderLine line : lines) {
            rows.add("(?, ?, ?, ?)");
            values.add(orderId);
            values.add(line.itemId());
            values.add(line.quantity());
            values.add(line.unitPriceCents());
        }
        jdbc.sql("INSERT INTO order_lines (order_id, menu_item_id, quantity, price_cents) VALUES " + rows)
                .params(values)
                .update();
    }

    /** Newest first, by the {@code orders (store_id, id)} index: a range scan that stops at the limit. */
    List<OrderSummary> recentOrders(long storeId, long beforeId, int limit) {
        return jdbc.sql(
                        """
                        SELECT id, store_id, status, total_cents, idempotency_key, created_at
                        FROM orders
                        WHERE store_id = :storeId AND id < :beforeId
                        ORDER BY id DESC
                        LIMIT :limit""")
                .param("storeId", storeId)
                .param("beforeId", beforeId)
                .param("limit", limit)
                .query((rs, row) -> new OrderSummary(
                        rs.getLong("id"),
                        rs.getLong("store_id"),
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getLong("total_cents"),
                        rs.getString("idempotency_key"),
                        utc(rs, "created_at")))
                .list();
    }

    private static Optional<Order> orderWithLines(ResultSet rs) throws SQLException {
        if (!rs.next()) return Optional.empty();
        long id = rs.getLong("id");
        long storeId = rs.getLong("store_id");
        OrderStatus status = OrderStatus.valueOf(rs.getString("status"));
        long totalCents = rs.getLong("total_cents");
        String key = rs.getString("idempotency_key");
        Instant createdAt = utc(rs, "created_at");
        List<OrderLine> lines = new ArrayList<>();
        do {
            long itemId = rs.getLong("menu_item_id");
            if (!rs.wasNull()) lines.add(new OrderLine(itemId, rs.getInt("quantity"), rs.getInt("price_cents")));
        } while (rs.next());
        return Optional.of(new Order(id, storeId, status, totalCents, key, createdAt, lines));
    }

    private static Instant utc(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }
}
