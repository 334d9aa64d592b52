package dev.headroom.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The part of Prometheus's HTTP API Headroom uses: instant queries ({@code /api/v1/query}) and the
 * server's version ({@code /api/v1/status/buildinfo}), read with Jackson.
 *
 * @see "https://prometheus.io/docs/prometheus/latest/querying/api/"
 */
public final class PrometheusApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a query gave: series, or why there are none. */
    public sealed interface Result {}

    /** The series of a {@code vector} or {@code matrix} result ({@code scalar}: one series without labels). */
    public record Series(List<Labeled> series) implements Result {
        public Series {
            series = List.copyOf(series);
        }
    }

    /** One series: its labels and its points, oldest first (one point for an instant vector). */
    public record Labeled(Map<String, String> labels, List<Point> points) {
        public Labeled {
            labels = Map.copyOf(labels);
            points = List.copyOf(points);
        }

        /** The newest point's value. */
        public double value() {
            return points.get(points.size() - 1).value();
        }
    }

    public record Point(Instant at, double value) {}

    /** The query did not run: Prometheus refused it, did not answer, or answered something else. */
    public record Failure(String why) implements Result {}

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /** {@code base}: the server's URL without {@code /api/v1}, e.g. {@code http://127.0.0.1:9090}. */
    public PrometheusApi(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public URI base() {
        return base;
    }

    /** Evaluates {@code promql} at {@code at}; never throws: a failure is a {@link Failure}. */
    public CompletableFuture<Result> query(String promql, Instant at) {
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + epochSeconds(at);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/query"))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> parse(r.statusCode(), r.body()))
                .exceptionally(e -> new Failure("Prometheus at " + base + " did not answer: " + describe(e)));
    }

    /** {@link #query} and wait for it, at most the timeout. */
    public Result queryNow(String promql, Instant at) {
        return await(query(promql, at), timeout.multipliedBy(2));
    }

    /** The server's version from {@code /api/v1/status/buildinfo}; a failure is an exception. */
    public String version() throws IOException {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/status/buildinfo"))
                            .timeout(timeout)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + " from " + base);
            return JSON.readTree(r.body()).at("/data/version").asText("unknown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Waits for a query started with {@link #query}; past {@code limit} it is a {@link Failure}. */
    static Result await(CompletableFuture<Result> pending, Duration limit) {
        try {
            return pending.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Failure("no answer within " + limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Failure(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("interrupted");
        }
    }

    /** Reads an API response: {@code {"status":"success","data":{"resultType":...,"result":...}}}. */
    static Result parse(int httpStatus, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Failure("HTTP " + httpStatus + ", not a Prometheus API answer: " + abbreviate(body));
        }
        if (!"success".equals(root.path("status").asText())) {
            return new Failure(
                    "HTTP " + httpStatus + ", " + root.path("errorType").asText("error") + ": "
                            + root.path("error").asText(abbreviate(body)));
        }
        try {
            return result(root.path("data"));
        } catch (RuntimeException e) { // a value that is not a number
            return new Failure("HTTP " + httpStatus + ", unreadable result: " + e.getMessage());
        }
    }

    private static Result result(JsonNode data) {
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        List<Labeled> series = new ArrayList<>();
        switch (type) {
            case "scalar" -> series.add(new Labeled(Map.of(), List.of(point(result))));
            case "vector" -> {
                for (JsonNode s : result) series.add(new Labeled(labels(s), List.of(point(s.path("value")))));
            }
            case "matrix" -> {
                for (JsonNode s : result) {
                    List<Point> points = new ArrayList<>();
                    for (JsonNode p : s.path("values")) points.add(point(p));
                    series.add(new Labeled(labels(s), points));
                }
            }
            default -> {
                return new Failure("unexpected result type " + (type.isEmpty() ? "(none)" : type));
            }
        }
        return new Series(series);
    }

    private static Map<String, String> labels(JsonNode series) {
        Map<String, String> labels = new LinkedHashMap<>();
        series.path("metric")
                .fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** {@code [<unix seconds, a number>, "<value, a string>"]}; values may be NaN or ±Inf. */
    private static Point point(JsonNode pair) {
        double seconds = pair.path(0).asDouble(Double.NaN);
        Instant at = Instant.ofEpochMilli(Math.round(seconds * 1000));
        String text = pair.path(1).asText("NaN");
        double value =
                switch (text) {
                    case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    case "NaN" -> Double.NaN;
                    default -> Double.parseDouble(text);
                };
        return new Point(at, value);
    }

    /** The API's time format: Unix seconds with up to millisecond precision. */
    static String epochSeconds(Instant at) {
        return String.format(Locale.ROOT, "%d.%03d", at.getEpochSecond(), at.getNano() / 1_000_000);
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null
                && (cause instanceof java.util.concurrent.CompletionException || cause instanceof ExecutionException)) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
