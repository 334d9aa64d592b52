package example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Executors;

/**
 * The service under test: one endpoint, {@code GET /greeting?name=...}, that does a little CPU work
 * (hashing the name 200 times) so the load has something to cost, and {@code GET /metrics} in
 * Prometheus text with Micrometer's usual meters, as a Spring Boot actuator would expose them.
 *
 * <p>Run it with {@code java example.GreetingService PORT} (0: any free port); it prints {@code
 * listening on PORT} once it answers, and exits when its standard input closes, so a parent that
 * dies does not leave it behind.
 */
public final class GreetingService {
    private static final int HASH_ROUNDS = 200;

    public static void main(String[] args) throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ProcessorMetrics().bindTo(registry); // process_cpu_time_ns_total
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);

        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/greeting", exchange -> timed(registry, "/greeting", exchange));
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("listening on " + server.getAddress().getPort());
        System.out.flush();

        // the parent's end is ours: stdin closes when the process that started us goes away
        while (System.in.read() >= 0) {
            // nothing is read from stdin; it only tells us the parent is still there
        }
        server.stop(0);
        System.exit(0);
    }

    private static void timed(PrometheusMeterRegistry registry, String uri, HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int status = 200;
        try {
            String query = exchange.getRequestURI().getQuery();
            String name = query != null && query.startsWith("name=") ? query.substring(5) : "world";
            byte[] body = ("{\"greeting\":\"hello " + name + "\",\"digest\":\"" + digest(name) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
            // Micrometer's HTTP server timer: Headroom reads http_server_requests_seconds_sum/_count
            Timer.builder("http.server.requests")
                    .tag("uri", uri)
                    .tag("status", Integer.toString(status))
                    .register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static String digest(String name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = name.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < HASH_ROUNDS; i++) d = sha.digest(d);
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
