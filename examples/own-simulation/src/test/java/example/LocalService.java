package example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The greeting service in a JVM of its own, so the CPU and memory Headroom measures are the
 * service's, not the load generator's. Stopped by {@link #close()}, and in any case when this JVM
 * ends: the service exits when its standard input closes.
 */
final class LocalService implements AutoCloseable {
    private final Process process;
    private final String baseUrl;

    private LocalService(Process process, int port) {
        this.process = process;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    static LocalService start() {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            Process p = new ProcessBuilder(
                            java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "example.GreetingService", "0")
                    .redirectErrorStream(true)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            // the service's libraries may log first (logback's status lines): wait for its own line
            String first = CompletableFuture.supplyAsync(() -> {
                        String line;
                        while ((line = readLine(out)) != null && !line.startsWith("listening on ")) {
                            // not yet
                        }
                        return line;
                    })
                    .get(30, TimeUnit.SECONDS);
            if (first == null) {
                p.destroy();
                throw new IllegalStateException("the greeting service ended before it listened");
            }
            Thread drain = new Thread(() -> {
                while (readLine(out) != null) {
                    // the service's output is not needed; reading it keeps its pipe from filling up
                }
            });
            drain.setDaemon(true);
            drain.start();
            return new LocalService(p, Integer.parseInt(first.substring("listening on ".length()).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the greeting service did not start", e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        process.destroy();
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
