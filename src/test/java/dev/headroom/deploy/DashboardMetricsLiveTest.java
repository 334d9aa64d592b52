package dev.headroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.lab.EmbeddedDatabase;
import dev.headroom.service.OrderServiceApplication;
import dev.headroom.service.seed.SeedLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every metric the Grafana dashboard queries is one the real reference service exposes: the
 * service runs in-process with the compose file's profile ({@code mysql}), its variables pointing
 * at an embedded MariaDB instead of the {@code mysql} container, and is scraped as Prometheus would.
 */
// Spring Boot tests switch metrics export off unless asked; the Prometheus scrape is under test.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        classes = OrderServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "spring.config.name=" + OrderServiceApplication.CONFIG_NAME})
@ActiveProfiles("mysql")
class DashboardMetricsLiveTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern SAMPLE_NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)", Pattern.MULTILINE);

    private static EmbeddedDatabase database;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void startDatabaseAndSeed() {
        database = EmbeddedDatabase.start();
        SeedLoader.seed(
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()), 2, 3, 4);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    /** The variables the compose file sets for the service, as headroom-service-mysql.properties reads them. */
    @DynamicPropertySource
    static void composeVariables(DynamicPropertyRegistry registry) {
        registry.add("MYSQL_HOST", () -> "127.0.0.1");
        registry.add("MYSQL_PORT", () -> URI.create(database.jdbcUrl().substring("jdbc:".length()))
                .getPort());
        registry.add("MYSQL_DATABASE", () -> "headroom");
        registry.add("MYSQL_USER", () -> database.username());
        registry.add("MYSQL_PASSWORD", () -> database.password());
    }

    @Test
    void theMysqlProfileBuildsTheDataSourceFromTheComposeVariables() throws Exception {
        String url;
        try (var connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        }

        assertThat(url).startsWith("jdbc:mysql://127.0.0.1:").contains("/headroom?");
        assertThat(get(port, "/stores/1/menu").statusCode()).isEqualTo(200);
    }

    @Test
    void everyMetricTheDashboardQueriesIsInTheLiveScrape() throws Exception {
        Set<String> exposed = liveMetricNames();
        Set<String> queried = new TreeSet<>();
        for (String expr : DeployFiles.dashboardExprs(DeployFiles.json(DeployFiles.DASHBOARD))) {
            queried.addAll(PromQl.metricNames(expr));
        }

        assertThat(queried).isNotEmpty();
        assertThat(queried)
                .filteredOn(name -> !exposed.contains(name))
                .as("metrics the dashboard queries but the service does not expose")
                .isEmpty();
    }

    @Test
    void aMadeUpMetricIsCaughtAgainstTheSameScrape() throws Exception {
        Set<String> exposed = liveMetricNames();
        Set<String> queried = PromQl.metricNames(
                "rate(http_server_requests_seconds_count[$__rate_interval]) / rate(hikaricp_connections_borrowed_total[1m])");

        assertThat(queried).hasSize(2);
        assertThat(queried)
                .filteredOn(n -> !exposed.contains(n))
                .containsExactly("hikaricp_connections_borrowed_total");
    }

    /** Sample names, exactly as written: a {@code _bucket}, {@code _count} or {@code _sum} series must exist as such. */
    private Set<String> liveMetricNames() throws Exception {
        for (String path : List.of("/baseline", "/stores/1/menu", "/orders/1", "/stores/2/orders?limit=2")) {
            assertThat(get(port, path).statusCode()).as(path).isEqualTo(200);
        }
        // jvm.gc.pause is recorded only once a collection has happened; make sure one has.
        System.gc();
        String scrape = "";
        for (int attempt = 0; attempt < 50 && !scrape.contains("jvm_gc_pause_seconds_count"); attempt++) {
            Thread.sleep(100);
            scrape = get(managementPort, "/actuator/prometheus").body();
        }
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE_NAME.matcher(scrape);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
