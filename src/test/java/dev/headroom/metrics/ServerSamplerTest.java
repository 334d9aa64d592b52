package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerSamplerTest {

    @Test
    void scrapesTheEndpointOnEveryThirdSampleAndReadsProcOnEveryOne() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        byte[] body = "process_cpu_time_ns_total 2.5E9\n".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            scrapes.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        List<ServerSample> samples;
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/prometheus");
            long self = ProcessHandle.current().pid();
            ServerSampler sampler = new ServerSampler(
                    new ServerSampler.Sources(
                            Optional.of(url),
                            OptionalLong.of(self),
                            OptionalLong.empty(),
                            OptionalLong.empty(),
                            Optional.empty()),
                    NanoClock.SYSTEM,
                    Duration.ofMillis(100),
                    3);
            long giveUp = System.nanoTime() + 10_000_000_000L;
            while (sampler.between(Long.MIN_VALUE, Long.MAX_VALUE).size() < 7 && System.nanoTime() < giveUp)
                Thread.sleep(20);
            sampler.close();
            samples = sampler.between(Long.MIN_VALUE, Long.MAX_VALUE);
        } finally {
            server.stop(0);
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(7);
        for (int i = 0; i < samples.size(); i++) {
            ServerSample s = samples.get(i);
            assertThat(s.scrapeDue()).as("sample %d", i).isEqualTo(i % 3 == 0);
            // 2.5E9 ns of process CPU time on the endpoint, where it was asked and answered in time (a
            // cold HTTP client may miss the 80 ms timeout of the first: a miss, not a skip)
            if (s.scrapeOk()) assertThat(s.appCpuScrapeS()).isEqualTo(2.5);
            else assertThat(s.appCpuScrapeS()).isNaN();
            if (i % 3 != 0) assertThat(s.scrapeOk()).as("sample %d", i).isFalse();
            assertThat(s.appCpuProcS()).as("/proc on every sample").isPositive();
        }
        // the samples 0, 3, 6, ... asked the endpoint, and nothing else did: the server saw at least
        // every answered scrape and at most every due one (a late one may miss the timeout, or the
        // server's stop, on a busy host)
        long answered = samples.stream().filter(ServerSample::scrapeOk).count();
        assertThat(answered).isPositive();
        assertThat((long) scrapes.get()).isBetween(answered, (long) (samples.size() + 2) / 3);
    }

    @Test
    void refusesToScrapeLessThanEverySample() {
        ServerSampler.Sources none = new ServerSampler.Sources(
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
        assertThatThrownBy(() -> new ServerSampler(none, NanoClock.SYSTEM, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scrapeEvery");
        try (ServerSampler sampler = new ServerSampler(none, NanoClock.SYSTEM, Duration.ofHours(1), 3)) {
            sampler.scrapeEvery(1); // what a search's warm-up asks for
            assertThat(sampler.scrapeEvery()).isEqualTo(1);
            assertThatThrownBy(() -> sampler.scrapeEvery(0)).hasMessageContaining("scrapeEvery must be >= 1");
            assertThat(sampler.scrapeEvery()).isEqualTo(1);
        }
    }
}
