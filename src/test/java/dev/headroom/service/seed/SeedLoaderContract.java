package dev.headroom.service.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.lab.LabDatabase;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Seeding as the lab does it, on a real server. The same tests run on the embedded MariaDB
 * ({@link SeedLoaderOnMariaDbTest}) and on MySQL 8.0 in Testcontainers ({@link SeedLoaderOnMySqlTest},
 * skipped where no Docker engine answers).
 */
abstract class SeedLoaderContract {
    static final int STORES = 7;
    static final int ITEMS_PER_STORE = 12;
    static final int ORDERS = 20_000;

    /** The server the tests run on, started by the subclass. */
    abstract LabDatabase database();

    /**
     * A schema of its own on the shared server for each test, created by the URL's
     * createDatabaseIfNotExist; as root, who may create it.
     */
    private DataSource schema(String name) {
        String server = database().jdbcUrl().substring(0, database().jdbcUrl().indexOf("/headroom"));
        String url = server + "/" + name + "?createDatabaseIfNotExist=true&rewriteBatchedStatements=true";
        return new DriverManagerDataSource(url, "root", rootPassword());
    }

    /** The root user's password on the test server. */
    abstract String rootPassword();

    @Test
    void seedsTheRequestedCountsWithDenseIdsAndCountersThatAgreeWithTheOrders() {
        DataSource dataSource = schema("seed_counts");
        JdbcClient sql = JdbcClient.create(dataSource);

        SeedResult result = SeedLoader.seed(dataSource, STORES, ITEMS_PER_STORE, ORDERS);

        assertThat(result.stores()).isEqualTo(STORES);
        assertThat(result.itemsPerStore()).isEqualTo(ITEMS_PER_STORE);
        assertThat(result.orders()).isEqualTo(ORDERS);
        assertThat(count(sql, "SELECT COUNT(*) FROM stores")).isEqualTo(STORES);
        assertThat(count(sql, "SELECT MIN(id) FROM stores")).isEqualTo(1);
        assertThat(count(sql, "SELECT MAX(id) FROM stores")).isEqualTo(STORES);
        assertThat(count(sql, "SELECT COUNT(*) FROM menu_items WHERE available = TRUE"))
                .isEqualTo(STORES * ITEMS_PER_STORE);
        // Store 3's items are (3-1)*12 + 1 .. (3-1)*12 + 12.
        assertThat(sql.sql("SELECT id FROM menu_items WHERE store_id = 3 ORDER BY id")
                        .query(Long.class)
                        .list())
                .containsExactly(25L, 26L, 27L, 28L, 29L, 30L, 31L, 32L, 33L, 34L, 35L, 36L);
        assertThat(count(sql, "SELECT COUNT(*) FROM orders")).isEqualTo(ORDERS);
        assertThat(count(sql, "SELECT MAX(id) FROM orders")).isEqualTo(ORDERS);
        // Round-robin: order 10 goes to store (10 - 1) % 7 + 1 = 3.
        assertThat(count(sql, "SELECT store_id FROM orders WHERE id = 10")).isEqualTo(3);
        assertThat(count(sql, "SELECT COUNT(*) FROM orders WHERE idempotency_key IS NOT NULL"))
                .isZero();
        assertThat(sql.sql("SELECT DISTINCT status FROM orders ORDER BY status")
                        .query(String.class)
                        .list())
                .containsExactly("DELIVERED", "PLACED", "PREPARING");

        assertThat(count(sql, "SELECT SUM(order_count) FROM stores")).isEqualTo(ORDERS);
        assertThat(count(
                        sql,
                        "SELECT COUNT(*) FROM stores s"
                                + " WHERE s.order_count <> (SELECT COUNT(*) FROM orders o WHERE o.store_id = s.id)"))
                .as("stores whose order_count disagrees with their orders")
                .isZero();
    }

    @Test
    void everyOrderHasOneToThreeLinesOfItsOwnStoreAndATotalThatIsTheirSum() {
        DataSource dataSource = schema("seed_lines");
        JdbcClient sql = JdbcClient.create(dataSource);

        SeedLoader.seed(dataSource, STORES, ITEMS_PER_STORE, 3_000);

        Map<Long, Long> ordersByLineCount = sql
                .sql("SELECT line_count, COUNT(*) AS orders FROM"
                        + " (SELECT order_id, COUNT(*) AS line_count FROM order_lines GROUP BY order_id) AS o"
                        + " GROUP BY line_count")
                .query((rs, row) -> Map.entry(rs.getLong("line_count"), rs.getLong("orders")))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(ordersByLineCount).containsOnlyKeys(1L, 2L, 3L);
        assertThat(ordersByLineCount.values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(3_000);
        assertThat(count(
                        sql,
                        "SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                                + " JOIN menu_items m ON m.id = l.menu_item_id WHERE m.store_id <> o.store_id"))
                .as("lines with an item of another store")
                .isZero();
        assertThat(
                        count(
                                sql,
                                "SELECT COUNT(*) FROM orders o WHERE o.total_cents <>"
                                        + " (SELECT SUM(l.quantity * l.price_cents) FROM order_lines l WHERE l.order_id = o.id)"))
                .as("orders whose total is not the sum of their lines")
                .isZero();
    }

    @Test
    void seedingTwiceLeavesTheFirstSeedAndDescribesIt() {
        DataSource dataSource = schema("seed_twice");
        SeedLoader.seed(dataSource, 3, 4, 50);

        SeedResult second = SeedLoader.seed(dataSource, 9, 9, 900);

        assertThat(second.stores()).isEqualTo(3);
        assertThat(second.itemsPerStore()).isEqualTo(4);
        assertThat(second.orders()).isEqualTo(50);
        assertThat(SeedLoader.existing(dataSource))
                .usingRecursiveComparison()
                .ignoringFields("durationMs")
                .isEqualTo(second);
        assertThat(count(JdbcClient.create(dataSource), "SELECT COUNT(*) FROM menu_items"))
                .isEqualTo(12);
    }

    @Test
    void twoSeedsOfTheSameSizeHoldTheSameRows() {
        DataSource first = schema("seed_same_a");
        DataSource second = schema("seed_same_b");
        SeedLoader.seed(first, 5, 8, 2_500);
        SeedLoader.seed(second, 5, 8, 2_500);

        for (String table : List.of("stores", "menu_items", "orders", "order_lines")) {
            assertThat(checksum(second, table)).as(table).isEqualTo(checksum(first, table));
        }
    }

    private static long checksum(DataSource dataSource, String table) {
        return JdbcClient.create(dataSource)
                .sql("CHECKSUM TABLE " + table)
                .query((rs, row) -> rs.getLong("Checksum"))
                .single();
    }

    private static long count(JdbcClient sql, String query) {
        return sql.sql(query).query(Long.class).single();
    }
}
