package dev.headroom.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A plain HTTP/1.1 client for the service's two ports, as an outside caller would use them. */
final class ServiceClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final int appPort;
    private final int managementPort;

    ServiceClient(int appPort, int managementPort) {
        this.appPort = appPort;
        this.managementPort = managementPort;
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String contentType() {
            return header("Content-Type");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    interface IndexedCall {
        Response call(int index) throws Exception;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(app(path)));
    }

    Response postOrder(String idempotencyKey, String json) {
        return send(HttpRequest.newBuilder(app("/orders"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response postOrderWithoutKey(String json) {
        return send(HttpRequest.newBuilder(app("/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response getManagement(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)));
    }

    /** Runs the calls at once, released together by a gate, and returns their responses in order. */
    static List<Response> concurrently(int threads, IndexedCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<Response> task = () -> {
                    gate.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            gate.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) responses.add(future.get());
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private URI app(String path) {
        return URI.create("http://127.0.0.1:" + appPort + path);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
