package dev.headroom.service.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Fills the service's database with stores, menus and past orders, so that it is not trivially
 * empty when measured. Plain JDBC, batched and committed in chunks; with
 * {@code rewriteBatchedStatements=true} on the URL, MySQL Connector/J sends each batch as
 * multi-row INSERTs, and 20,000 orders take seconds.
 *
 * <p>Seeding happens once: if there are stores already, the data are left as they are and
 * described.
 */
public final class SeedLoader {
    /** The service's migrations, the same {@code spring.flyway.locations} it runs at start. */
    public static final String MIGRATIONS = "classpath:dev/headroom/service/db/mysql";

    static final int ROWS_PER_COMMIT = 1000;

    private SeedLoader() {}

    /**
     * Creates the schema if needed, then {@code stores} stores (ids 1..stores) with
     * {@code itemsPerStore} available items each and {@code orders} orders (ids 1..orders) spread
     * round-robin over the stores; or, if there are stores already, only describes what is there.
     */
    public static SeedResult seed(DataSource dataSource, int stores, int itemsPerStore, int orders) {
        if (stores < 1 || itemsPerStore < 1 || orders < 0) {
            throw new IllegalArgumentException("need stores >= 1, itemsPerStore >= 1, orders >= 0; got " + stores + ", "
                    + itemsPerStore + ", " + orders);
        }
        long startNanos = System.nanoTime();
        migrate(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            if (count(connection, "SELECT COUNT(*) FROM stores") > 0) {
                return describe(connection, startNanos);
            }
            connection.setAutoCommit(false);
            insertStores(connection, stores, orders);
            insertMenuItems(connection, stores, itemsPerStore);
            insertOrders(connection, stores, itemsPerStore, orders);
            return new SeedResult(stores, itemsPerStore, orders, elapsedMs(startNanos));
        } catch (SQLException e) {
            throw new SeedException("seeding failed: " + e.getMessage(), e);
        }
    }

    /** What the database holds now, without changing it. */
    public static SeedResult existing(DataSource dataSource) {
        long startNanos = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            return describe(connection, startNanos);
        } catch (SQLException e) {
            throw new SeedException("cannot count the seeded rows: " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
    }

    private static SeedResult describe(Connection connection, long startNanos) throws SQLException {
        long stores = count(connection, "SELECT COUNT(*) FROM stores");
        long itemsPerStore = count(
                connection,
                "SELECT COALESCE(MAX(items), 0) FROM"
                        + " (SELECT COUNT(*) AS items FROM menu_items GROUP BY store_id) AS menus");
        long orders = count(connection, "SELECT COUNT(*) FROM orders");
        return new SeedResult(Math.toIntExact(stores), Math.toIntExact(itemsPerStore), orders, elapsedMs(startNanos));
    }

    private static void insertStores(Connection connection, int stores, int orders) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO stores (id, name, order_count, created_at) VALUES (?, ?, ?, ?)")) {
            Chunks chunks = new Chunks(connection, insert);
            for (int storeId = 1; storeId <= stores; storeId++) {
                insert.setLong(1, storeId);
                insert.setString(2, "Store " + storeId);
                // The counter agrees with the orders inserted below, as the service keeps it.
                insert.setLong(3, SeedData.ordersOfStore(storeId, stores, orders));
                insert.setObject(4, utc(SeedData.STORES_CREATED_AT));
                insert.addBatch();
                chunks.rowAdded();
            }
            chunks.finish();
        }
    }

    private static void insertMenuItems(Connection connection, int stores, int itemsPerStore) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO menu_items (id, store_id, name, price_cents, available) VALUES (?, ?, ?, ?, TRUE)")) {
            Chunks chunks = new Chunks(connection, insert);
            for (int storeId = 1; storeId <= stores; storeId++) {
                for (int j = 1; j <= itemsPerStore; j++) {
                    long itemId = SeedData.itemId(storeId, itemsPerStore, j);
                    insert.setLong(1, itemId);
                    insert.setLong(2, storeId);
                    insert.setString(3, "Item " + j + " of store " + storeId);
                    insert.setInt(4, SeedData.priceCents(itemId));
                    insert.addBatch();
                    chunks.rowAdded();
                }
            }
            chunks.finish();
        }
    }

    private static void insertOrders(Connection connection, int stores, int itemsPerStore, int orders)
            throws SQLException {
        try (PreparedStatement orderInsert = connection.prepareStatement(
                        "INSERT INTO orders (id, store_id, idempotency_key, status, total_cents, created_at)"
                                + " VALUES (?, ?, NULL, ?, ?, ?)");
                PreparedStatement lineInsert = connection.prepareStatement(
                        "INSERT INTO order_lines (order_id, menu_item_id, quantity, price_cents)"
                                + " VALUES (?, ?, ?, ?)")) {
            for (long orderId = 1; orderId <= orders; orderId++) {
                long totalCents = 0;
                for (int line = 0; line < SeedData.linesOf(orderId, itemsPerStore); line++) {
                    long itemId = SeedData.lineItemId(orderId, line, stores, itemsPerStore);
                    int quantity = SeedData.lineQuantity(orderId, line);
                    int priceCents = SeedData.priceCents(itemId);
                    lineInsert.setLong(1, orderId);
                    lineInsert.setLong(2, itemId);
                    lineInsert.setInt(3, quantity);
                    lineInsert.setInt(4, priceCents);
                    lineInsert.addBatch();
                    totalCents += (long) quantity * priceCents;
                }
                orderInsert.setLong(1, orderId);
                orderInsert.setLong(2, SeedData.storeOf(orderId, stores));
                orderInsert.setString(3, SeedData.statusOf(orderId).name());
                orderInsert.setLong(4, totalCents);
                orderInsert.setObject(5, utc(SeedData.createdAt(orderId)));
                orderInsert.addBatch();
                if (orderId % ROWS_PER_COMMIT == 0 || orderId == orders) {
                    // Orders before their lines: the lines' foreign key needs the order rows.
                    orderInsert.executeBatch();
                    lineInsert.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    /** Sends a statement's batch and commits every {@link #ROWS_PER_COMMIT} rows. */
    private static final class Chunks {
        private final Connection connection;
        private final PreparedStatement statement;
        private int pendingRows;

        Chunks(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        void rowAdded() throws SQLException {
            if (++pendingRows == ROWS_PER_COMMIT) finish();
        }

        void finish() throws SQLException {
            if (pendingRows == 0) return;
            statement.executeBatch();
            connection.commit();
            pendingRows = 0;
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Timestamps are stored as UTC wall-clock time, as the service writes them. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
