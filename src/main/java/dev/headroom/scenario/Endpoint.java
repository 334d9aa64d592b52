package dev.headroom.scenario;

import java.util.Arrays;
import java.util.Optional;

/** The reference service's endpoints a scenario can mix, each with honestly different database work. */
public enum Endpoint {
    /** GET /stores/{id}/menu: an indexed read of one store's menu items. */
    MENU("menu"),
    /** POST /orders: one transaction of several inserts plus an update, idempotent by key. */
    CREATE_ORDER("create_order"),
    /** GET /orders/{id}: a primary-key read of one order and its lines. */
    GET_ORDER("get_order"),
    /** GET /stores/{id}/orders: a store's recent orders, keyset-paginated by index. */
    RECENT_ORDERS("recent_orders"),
    /** GET /baseline: no database work at all, the service's floor. */
    BASELINE("baseline");

    private final String key;

    Endpoint(String key) {
        this.key = key;
    }

    /** The name used in scenario files and result columns. */
    public String key() {
        return key;
    }

    public static Optional<Endpoint> byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
    }
}
