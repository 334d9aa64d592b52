-- Written for MySQL 8 and run unchanged on MariaDB 11.4: only types and syntax both accept
-- (BOOLEAN is TINYINT(1) on both; DATETIME(3) keeps milliseconds on both).

CREATE TABLE stores (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    name        VARCHAR(100) NOT NULL,
    -- Updated in every order's transaction: the hot row that serialises one store's orders.
    order_count BIGINT       NOT NULL DEFAULT 0,
    created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE menu_items (
    id          BIGINT       NOT NULL,
    store_id    BIGINT       NOT NULL,
    name        VARCHAR(100) NOT NULL,
    price_cents INT          NOT NULL,
    available   BOOLEAN      NOT NULL DEFAULT TRUE,
    PRIMARY KEY (id),
    KEY idx_menu_items_store (store_id),
    CONSTRAINT fk_menu_items_store FOREIGN KEY (store_id) REFERENCES stores (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE orders (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    store_id        BIGINT      NOT NULL,
    -- NULL for seeded orders; UNIQUE allows many NULLs on both engines.
    idempotency_key VARCHAR(64) NULL,
    status          VARCHAR(16) NOT NULL,
    total_cents     BIGINT      NOT NULL,
    -- UTC, written by the application (not the session time zone of a DEFAULT).
    created_at      DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_orders_idempotency_key (idempotency_key),
    -- Keyset pagination of a store's recent orders: WHERE store_id = ? AND id < ? ORDER BY id DESC.
    KEY idx_orders_store_id (store_id, id),
    CONSTRAINT fk_orders_store FOREIGN KEY (store_id) REFERENCES stores (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE order_lines (
    id           BIGINT NOT NULL AUTO_INCREMENT,
    order_id     BIGINT NOT NULL,
    menu_item_id BIGINT NOT NULL,
    quantity     INT    NOT NULL,
    -- The unit price at the time of the order, so later price changes do not rewrite history.
    price_cents  INT    NOT NULL,
    PRIMARY KEY (id),
    KEY idx_order_lines_order (order_id),
    CONSTRAINT fk_order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT fk_order_lines_item FOREIGN KEY (menu_item_id) REFERENCES menu_items (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
