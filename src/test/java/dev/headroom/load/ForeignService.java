package dev.headroom.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP service Headroom did not write, started on loopback for a test and stopped after it:
 * Python's http.server (no metrics endpoint) or a Prometheus server (Go, with /metrics).
 */
final class ForeignService implements AutoCloseable {
    private final Process process;
    private final String host;
    private final int port;
    private final Path log;

    private ForeignService(Process process, String host, int port, Path log) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.log = log;
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    /** Python's http.server serving {@code root}, which logs every request it answers. */
    static ForeignService pythonFiles(Path root, Path work) throws Exception {
        return pythonFiles(root, work, List.of(), "127.0.0.1");
    }

    /**
     * As {@link #pythonFiles(Path, Path)}, started behind {@code prefix} (such as {@code taskset -c 0},
     * which execs python in its own process, so the pid stays the service's) and bound to {@code bind}.
     */
    static ForeignService pythonFiles(Path root, Path work, List<String> prefix, String bind) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                "python3",
                "-m",
                "http.server",
                Integer.toString(port),
                "--bind",
                bind,
                "--directory",
                root.toString()));
        return start(command, port, bind, work.resolve("python-http.log"), "/");
    }

    /**
     * A Python server that answers one request at a time after sleeping {@code serviceMs}: at most
     * 1000 / serviceMs requests a second, whatever the host, so its knee is known in advance. One
     * connection per request (HTTP/1.0), a listen backlog of 128. {@code /absent} answers 404 at
     * once: a request that fails on purpose, without using the service time.
     */
    static ForeignService pythonFixedServiceTime(int serviceMs, Path work) throws Exception {
        int port = freePort();
        String script = String.join(
                "\n",
                "import http.server, sys, time",
                "class H(http.server.BaseHTTPRequestHandler):",
                "    def do_GET(self):",
                "        if self.path == '/absent':",
                "            self.send_error(404)",
                "            return",
                "        time.sleep(" + serviceMs + " / 1000)",
                "        body = b'{\"ok\": true}'",
                "        self.send_response(200)",
                "        self.send_header('Content-Type', 'application/json')",
                "        self.send_header('Content-Length', str(len(body)))",
                "        self.end_headers()",
                "        self.wfile.write(body)",
                "    def log_message(self, *args):",
                "        pass",
                "class S(http.server.HTTPServer):",
                "    request_queue_size = 128",
                "S(('127.0.0.1', int(sys.argv[1])), H).serve_forever()");
        return start(
                List.of("python3", "-c", script, Integer.toString(port)),
                port,
                "127.0.0.1",
                work.resolve("python-fixed.log"),
                "/");
    }

    /** A Prometheus server that scrapes nothing, its data in {@code work}. */
    static ForeignService prometheus(Path work) throws Exception {
        int port = freePort();
        Path config = work.resolve("foreign-prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 15s\n");
        return start(
                List.of(
                        "prometheus",
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + work.resolve("foreign-tsdb"),
                        "--web.listen-address=127.0.0.1:" + port),
                port,
                "127.0.0.1",
                work.resolve("foreign-prometheus.log"),
                "/-/ready");
    }

    private static ForeignService start(List<String> command, int port, String host, Path log, String readyPath)
            throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ForeignService service = new ForeignService(p, host, port, log);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException(command + " exited:\n" + service.log());
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(service.url(readyPath)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return service;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        service.close();
        throw new IllegalStateException(command.get(0) + " did not answer within 30 s:\n" + service.log());
    }

    URI url(String path) {
        return URI.create("http://" + host + ":" + port + path);
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
