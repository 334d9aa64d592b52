package dev.headroom.bench;

import dev.headroom.lab.Lab;
import dev.headroom.lab.LabSettings;
import dev.headroom.scenario.ScenarioLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference service's CPU against its request rate, with nothing of Headroom's load path in
 * between (bench/cpu-curve.sh): the lab's database and service under a CPU budget, a minute of
 * closed-loop GETs to compile the paths, then the service's CPU (utime + stime of its process, from
 * /proc) idle without a scrape, idle with one scrape of its actuator a second, and at paced rates
 * from one HTTP client (sendAsync, one request per tick of a fixed-rate timer). It measures the
 * shape of U(X) that docs/sizing-model.md ("Demand below the knee") reads: how far the utilization
 * law at the knee under-reads the CPU at the autoscaling target. The steps run in the order given
 * and the JVM is still compiling after the minute of GETs, so the default first holds 400 req/s for
 * four windows and then falls: in rising order the low rates, measured first, read 2-3 times the
 * CPU they read when measured last. GET endpoints only (menu, recent orders, an order, the
 * baseline): Headroom's mix adds the order write, so the figures are the curve's shape, not the
 * default scenario's cost.
 *
 * <p>Arguments: the CPU budget in cores (default 0.5), then the steps (default 400 400 400 400 300
 * 200 100 50 25 400 25): a positive number is a paced rate, measured over 20 s after 5 s; a negative
 * one, -N, a burst at N req/s for 10 s and 15 s of nothing (an overload, as a search's failed probe
 * is: it grew the service from 65 to 242 threads here); 0, 75 s of nothing (past Tomcat's 60 s idle
 * time of a worker, though the threads did not shrink here). Each step prints the process's thread
 * count. The lab stops on Ctrl-C once it has started. Needs target/classpath/service.txt (mvn
 * test-compile writes it).
 */
public final class CpuCurveProbe {
    private static final String[] PATHS = {"/baseline", "/stores/1/menu", "/stores/2/orders", "/orders/1"};
    private static final long CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

    private CpuCurveProbe() {}

    public static void main(String[] args) throws Exception {
        String cpus = args.length > 0 ? args[0] : "0.5";
        int[] rates = args.length > 1
                ? java.util.Arrays.stream(args, 1, args.length)
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {400, 400, 400, 400, 300, 200, 100, 50, 25, 400, 25};
        System.setProperty("headroom.cpus", cpus);
        var scenario = ScenarioLoader.load("default", Path.of("scenarios"));
        Path runDir = Files.createTempDirectory("cpu-curve");
        try (Lab lab = Lab.start(
                LabSettings.fromSystemProperties(), scenario, runDir, System.out::println, u -> {}, Double.NaN)) {
            // Ctrl-C or a TERM: the lab's database and service stop with the probe (Lab.close may run twice)
            Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "cpu-curve-stop"));
            long pid = lab.target().appPid().orElseThrow();
            URI base = lab.target().baseUrl();
            URI metrics = lab.target().prometheusUrl().orElseThrow();
            HttpClient client = HttpClient.newHttpClient();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long sent = 0;
            while (System.nanoTime() < until) {
                for (String p : PATHS) get(client, base.resolve(p));
                sent += PATHS.length;
            }
            System.out.printf(Locale.ROOT, "warm-up: %d closed-loop GETs in 60 s on %s cores%n", sent, cpus);
            for (int i = 0; i < 300; i++) get(client, metrics);

            Thread.sleep(5000);
            double c0 = cpuSeconds(pid);
            Thread.sleep(30_000);
            System.out.printf(Locale.ROOT, "idle, no scrape: %.4f cores%n", (cpuSeconds(pid) - c0) / 30);
            c0 = cpuSeconds(pid);
            for (int i = 0; i < 30; i++) {
                get(client, metrics);
                Thread.sleep(1000);
            }
            System.out.printf(Locale.ROOT, "idle, a scrape a second: %.4f cores%n", (cpuSeconds(pid) - c0) / 30);

            ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
            try {
                for (int rate : rates) {
                    if (rate == 0) {
                        Thread.sleep(75_000);
                        System.out.println("75 s of nothing; threads " + threads(pid));
                        continue;
                    }
                    if (rate < 0) {
                        AtomicLong b = new AtomicLong();
                        var burst = timer.scheduleAtFixedRate(
                                () -> client.sendAsync(next(base, b), HttpResponse.BodyHandlers.discarding()),
                                0,
                                1_000_000 / -rate,
                                TimeUnit.MICROSECONDS);
                        Thread.sleep(10_000);
                        burst.cancel(false);
                        Thread.sleep(15_000);
                        System.out.printf(
                                Locale.ROOT,
                                "burst at %d req/s for 10 s, then 15 s of nothing; threads %s%n",
                                -rate,
                                threads(pid));
                        continue;
                    }
                    AtomicLong n = new AtomicLong();
                    AtomicLong answered = new AtomicLong();
                    AtomicLong failed = new AtomicLong(); // a 5xx or no answer at all
                    var ticks = timer.scheduleAtFixedRate(
                            () -> client.sendAsync(next(base, n), HttpResponse.BodyHandlers.discarding())
                                    .whenComplete((r, e) -> {
                                        answered.incrementAndGet();
                                        if (e != null || r.statusCode() >= 500) failed.incrementAndGet();
                                    }),
                            0,
                            1_000_000 / rate,
                            TimeUnit.MICROSECONDS);
                    Thread.sleep(5000); // the rate settles before its window
                    c0 = cpuSeconds(pid);
                    long a0 = answered.get();
                    long f0 = failed.get();
                    Thread.sleep(20_000);
                    double cores = (cpuSeconds(pid) - c0) / 20;
                    long requests = answered.get() - a0;
                    ticks.cancel(false);
                    System.out.printf(
                            Locale.ROOT,
                            "paced %d req/s (%.1f answered a second, %d failed): %.4f cores, %.3f ms of CPU an"
                                    + " answered request%n",
                            rate,
                            requests / 20.0,
                            failed.get() - f0,
                            cores,
                            cores * 20 / requests * 1000);
                    System.out.println("  threads " + threads(pid));
                }
            } finally {
                timer.shutdownNow();
            }
        }
    }

    private static String threads(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("Threads:"))
                .findFirst()
                .orElse("?");
    }

    /** The next GET of the round over {@link #PATHS}, {@code count} the requests made so far. */
    private static HttpRequest next(URI base, AtomicLong count) {
        return HttpRequest.newBuilder(base.resolve(PATHS[(int) (count.getAndIncrement() % PATHS.length)]))
                .build();
    }

    private static void get(HttpClient client, URI uri) throws Exception {
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** utime + stime of the process, fields 14 and 15 of /proc/PID/stat, after the command's ")". */
    private static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS_PER_S;
    }
}
