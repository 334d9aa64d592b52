package dev.headroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.lab.LabDatabase;
import dev.headroom.metrics.MeterNames;
import dev.headroom.metrics.PrometheusText;
import dev.headroom.service.ServiceClient.Response;
import dev.headroom.service.seed.SeedLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The service as the load generator sees it: a real HTTP client against a running server on a
 * real database, with rows checked through JDBC rather than through the service's own reads. The
 * same tests run on the embedded MariaDB ({@link OrderServiceOnMariaDbTest}, everywhere) and on
 * MySQL 8.0 in Testcontainers ({@link OrderServiceOnMySqlTest}, where Docker runs).
 */
// Spring Boot tests switch metrics export off unless asked; the Prometheus scrape is under test.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "spring.config.name=" + OrderServiceApplication.CONFIG_NAME})
abstract class OrderServiceContract {
    // Seeded: stores 1..3, store s has items (s-1)*5+1 .. s*5, orders 1..30 round-robin.
    static final int STORES = 3;
    static final int ITEMS_PER_STORE = 5;
    static final int ORDERS = 30;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient sql;

    private ServiceClient client;

    /** Migrates and seeds the database a subclass started, as the lab does. */
    static void seed(LabDatabase database) {
        SeedLoader.seed(
                new DriverManagerDataSource(batched(database), database.username(), database.password()),
                STORES,
                ITEMS_PER_STORE,
                ORDERS);
    }

    /** Points the service under test at the database; each subclass calls it from its own property source. */
    static void register(DynamicPropertyRegistry registry, Supplier<LabDatabase> database) {
        registry.add("spring.datasource.url", () -> batched(database.get()));
        registry.add("spring.datasource.username", () -> database.get().username());
        registry.add("spring.datasource.password", () -> database.get().password());
    }

    private static String batched(LabDatabase database) {
        String url = database.jdbcUrl();
        return url + (url.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
    }

    @BeforeEach
    void client() {
        client = new ServiceClient(port, managementPort);
    }

    @Test
    void baselineAnswersOk() {
        Response response = client.get("/baseline");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void menuListsOnlyTheStoresAvailableItems() {
        sql.sql("UPDATE menu_items SET available = FALSE WHERE id = 15").update();
        try {
            Response response = client.get("/stores/3/menu");

            assertThat(response.status()).isEqualTo(200);
            assertThat(ids(response.json())).containsExactly(11L, 12L, 13L, 14L);
            JsonNode first = response.json().get(0);
            assertThat(first.get("name").asText()).isNotBlank();
            assertThat(first.get("priceCents").asInt()).isEqualTo(priceCents(11));
        } finally {
            sql.sql("UPDATE menu_items SET available = TRUE WHERE id = 15").update();
        }
    }

    @Test
    void menuOfAnUnknownStoreIsAProblem404() {
        Response response = client.get("/stores/999/menu");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains("999");
    }

    @Test
    void placingAnOrderWritesTheOrderItsLinesAndTheStoreCounter() {
        long countBefore = orderCount(1);

        Response response = client.postOrder("create-1", order(1, line(1, 2), line(3, 1)));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        long id = body.get("id").asLong();
        long expectedTotal = 2L * priceCents(1) + priceCents(3);
        assertThat(response.header("Location")).contains("/orders/" + id);
        assertThat(body.get("storeId").asLong()).isEqualTo(1);
        assertThat(body.get("status").asText()).isEqualTo("PLACED");
        assertThat(body.get("totalCents").asLong()).isEqualTo(expectedTotal);
        assertThat(body.get("idempotencyKey").asText()).isEqualTo("create-1");
        assertThat(body.get("lines")).hasSize(2);
        assertThat(body.get("lines").get(0).get("itemId").asLong()).isEqualTo(1);
        assertThat(body.get("lines").get(0).get("unitPriceCents").asInt()).isEqualTo(priceCents(1));

        Map<String, Object> row = sql.sql(
                        "SELECT store_id, status, total_cents, idempotency_key FROM orders WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("store_id", 1L)
                .containsEntry("status", "PLACED")
                .containsEntry("total_cents", expectedTotal)
                .containsEntry("idempotency_key", "create-1");
        List<String> lines = sql.sql("SELECT CONCAT(menu_item_id, 'x', quantity, '@', price_cents) FROM order_lines"
                        + " WHERE order_id = ? ORDER BY id")
                .param(id)
                .query(String.class)
                .list();
        assertThat(lines).containsExactly("1x2@" + priceCents(1), "3x1@" + priceCents(3));
        assertThat(orderCount(1)).isEqualTo(countBefore + 1);
        assertThat(client.get("/orders/" + id).json()).isEqualTo(body);
    }

    @Test
    void aFailureAfterTheFirstWriteLeavesNothingBehind() {
        // Makes the last statement of the transaction, the lines' INSERT, fail for quantity 42.
        sql.sql("CREATE TRIGGER fail_quantity_42 BEFORE INSERT ON order_lines FOR EACH ROW"
                        + " BEGIN IF NEW.quantity = 42 THEN"
                        + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'quantity 42 refused by the test';"
                        + " END IF; END")
                .update();
        try {
            long countBefore = orderCount(2);

            Response response = client.postOrder("rolled-back-1", order(2, line(6, 42)));

            assertThat(response.status()).isEqualTo(500);
            assertThat(ordersWithKey("rolled-back-1")).isZero();
            assertThat(orderCount(2))
                    .as("order_count, updated before the failing INSERT")
                    .isEqualTo(countBefore);
        } finally {
            sql.sql("DROP TRIGGER fail_quantity_42").update();
        }
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheSameOrderWithoutASecondOne() {
        long countBefore = orderCount(1);
        String body = order(1, line(2, 1));

        Response first = client.postOrder("retry-1", body);
        Response retry = client.postOrder("retry-1", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(ordersWithKey("retry-1")).isEqualTo(1);
        assertThat(orderCount(1)).isEqualTo(countBefore + 1);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateExactlyOneOrder() throws Exception {
        int threads = 8;
        // Several rounds, since whether the requests really overlap is up to the scheduler.
        for (int round = 1; round <= 5; round++) {
            String key = "twins-" + round;
            long countBefore = orderCount(2);

            List<Response> responses =
                    ServiceClient.concurrently(threads, i -> client.postOrder(key, order(2, line(7, 1), line(8, 2))));

            assertThat(responses).extracting(Response::status).containsOnly(200, 201);
            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses)
                    .extracting(r -> r.json().get("id").asLong())
                    .containsOnly(responses.get(0).json().get("id").asLong());
            assertThat(ordersWithKey(key)).isEqualTo(1);
            assertThat(orderCount(2)).isEqualTo(countBefore + 1);
        }
    }

    @Test
    void concurrentOrdersOfOneStoreAllSucceedWithoutDeadlock() throws Exception {
        int threads = 16;
        long countBefore = orderCount(2);

        List<Response> responses =
                ServiceClient.concurrently(threads, i -> client.postOrder("same-store-" + i, order(2, line(9, 1))));

        assertThat(responses).extracting(Response::status).containsOnly(201);
        assertThat(orderCount(2)).isEqualTo(countBefore + threads);
    }

    @Test
    void invalidBodiesAreProblems400NamingTheField() {
        assertInvalid(client.postOrder("bad-1", order(1, line(1, 0))), "lines[0].quantity");
        assertInvalid(client.postOrder("bad-2", order(1, line(1, 100))), "lines[0].quantity");
        assertInvalid(client.postOrder("bad-3", "{\"storeId\":1,\"lines\":[]}"), "lines");
        assertInvalid(client.postOrder("bad-4", "{\"lines\":[{\"itemId\":1,\"quantity\":1}]}"), "storeId");
        assertInvalid(client.postOrder("bad-5", "{\"storeId\":1,\"lines\":[{\"quantity\":1}]}"), "lines[0].itemId");
        String tooMany = IntStream.rangeClosed(1, 21)
                .mapToObj(i -> line(1, 1))
                .reduce((a, b) -> a + "," + b)
                .get();
        assertInvalid(client.postOrder("bad-6", "{\"storeId\":1,\"lines\":[" + tooMany + "]}"), "lines");
        assertThat(sql.sql("SELECT COUNT(*) FROM orders WHERE idempotency_key LIKE 'bad-%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aMissingOrMalformedIdempotencyKeyIsAProblem400() {
        Response missing = client.postOrderWithoutKey(order(1, line(1, 1)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail").asText()).contains("Idempotency-Key");

        assertInvalid(client.postOrder("has spaces", order(1, line(1, 1))), "Idempotency-Key");
        assertInvalid(client.postOrder("k".repeat(65), order(1, line(1, 1))), "Idempotency-Key");
        assertThat(client.postOrder("k".repeat(64), order(1, line(1, 1))).status())
                .isEqualTo(201);
    }

    @Test
    void itemsOfAnotherStoreAreAProblem422AndWriteNothing() {
        long countBefore = orderCount(1);

        Response response = client.postOrder("other-store-1", order(1, line(1, 1), line(6, 1)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("itemIds")).hasSize(1);
        assertThat(response.json().get("itemIds").get(0).asLong()).isEqualTo(6);
        assertThat(ordersWithKey("other-store-1")).isZero();
        assertThat(orderCount(1)).isEqualTo(countBefore);
    }

    @Test
    void getsASeededOrderWithItsLinesAnd404ForAnUnknownOne() {
        Response seeded = client.get("/orders/4");
        assertThat(seeded.status()).isEqualTo(200);
        assertThat(seeded.json().get("id").asLong()).isEqualTo(4);
        assertThat(seeded.json().get("idempotencyKey").isNull()).isTrue();
        long linesInDatabase = sql.sql("SELECT COUNT(*) FROM order_lines WHERE order_id = 4")
                .query(Long.class)
                .single();
        assertThat(seeded.json().get("lines")).hasSize((int) linesInDatabase);

        Response unknown = client.get("/orders/999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void recentOrdersArePagedNewestFirstEachPageContinuingThePrevious() {
        List<Long> expected = sql.sql("SELECT id FROM orders WHERE store_id = 3 ORDER BY id DESC")
                .query(Long.class)
                .list();
        assertThat(expected).hasSize(ORDERS / STORES);

        JsonNode first = client.get("/stores/3/orders?limit=4").json();
        assertThat(ids(first.get("orders"))).containsExactlyElementsOf(expected.subList(0, 4));
        assertThat(first.get("orders").get(0).has("lines")).isFalse();
        assertThat(first.get("nextBeforeId").asLong()).isEqualTo(expected.get(3));

        JsonNode second = client.get("/stores/3/orders?limit=4&beforeId="
                        + first.get("nextBeforeId").asLong())
                .json();
        assertThat(ids(second.get("orders"))).containsExactlyElementsOf(expected.subList(4, 8));

        List<Long> all = new ArrayList<>();
        Optional<Long> beforeId = Optional.empty();
        do {
            JsonNode page = client.get("/stores/3/orders?limit=4"
                            + beforeId.map(b -> "&beforeId=" + b).orElse(""))
                    .json();
            all.addAll(ids(page.get("orders")));
            beforeId = page.get("nextBeforeId").isNull()
                    ? Optional.empty()
                    : Optional.of(page.get("nextBeforeId").asLong());
        } while (beforeId.isPresent());
        assertThat(all).containsExactlyElementsOf(expected);
    }

    @Test
    void pageSizeOutsideOneToHundredIsAProblem400() {
        assertInvalid(client.get("/stores/3/orders?limit=0"), "limit");
        assertInvalid(client.get("/stores/3/orders?limit=101"), "limit");
        assertThat(client.get("/stores/3/orders?limit=100").status()).isEqualTo(200);
    }

    @Test
    void prometheusOnTheManagementPortHasTheMetersTheLabReads() throws Exception {
        client.get("/baseline");
        client.get("/stores/1/menu");
        // jvm.gc.pause is recorded only once a collection has happened; make sure one has.
        System.gc();
        String scrape = "";
        for (int attempt = 0; attempt < 50 && !scrape.contains("jvm_gc_pause_seconds"); attempt++) {
            Thread.sleep(100);
            scrape = client.getManagement("/actuator/prometheus").body();
        }

        assertThat(scrape)
                .contains(
                        "http_server_requests_seconds_bucket",
                        "hikaricp_connections_active",
                        "hikaricp_connections_usage_seconds",
                        "hikaricp_connections_acquire_seconds",
                        "tomcat_threads_busy_threads",
                        "process_cpu_time_ns_total",
                        "jvm_gc_pause_seconds");
        // every series the lab's sampler reads is one this service really exposes
        PrometheusText parsed = PrometheusText.parse(scrape);
        for (java.lang.reflect.Field f : MeterNames.class.getFields()) {
            String name = (String) f.get(null);
            assertThat(parsed.sum(name)).as(f.getName() + " = " + name).isNotNaN();
        }
    }

    @Test
    void theManagementPortExposesOnlyHealthAndPrometheus() {
        assertThat(client.getManagement("/actuator/health").status()).isEqualTo(200);
        assertThat(client.getManagement("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(client.getManagement("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(client.getManagement("/actuator/env").status()).isEqualTo(404);
        assertThat(client.getManagement("/actuator/beans").status()).isEqualTo(404);
        assertThat(client.get("/actuator/prometheus").status())
                .as("actuator on the application port")
                .isEqualTo(404);
    }

    // --- helpers ---

    private static void assertInvalid(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors"))
                .as(response.body())
                .anySatisfy(error -> assertThat(error.get("field").asText()).isEqualTo(field));
    }

    private static String order(long storeId, String... lines) {
        return "{\"storeId\":" + storeId + ",\"lines\":[" + String.join(",", lines) + "]}";
    }

    private static String line(long itemId, int quantity) {
        return "{\"itemId\":" + itemId + ",\"quantity\":" + quantity + "}";
    }

    private static List<Long> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(node -> node.get("id").asLong())
                .toList();
    }

    private int priceCents(long itemId) {
        return sql.sql("SELECT price_cents FROM menu_items WHERE id = ?")
                .param(itemId)
                .query(Integer.class)
                .single();
    }

    private long orderCount(long storeId) {
        return sql.sql("SELECT order_count FROM stores WHERE id = ?")
                .param(storeId)
                .query(Long.class)
                .single();
    }

    private long ordersWithKey(String key) {
        return sql.sql("SELECT COUNT(*) FROM orders WHERE idempotency_key = ?")
                .param(key)
                .query(Long.class)
                .single();
    }
}
