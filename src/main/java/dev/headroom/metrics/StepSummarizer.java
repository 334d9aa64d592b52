package dev.headroom.metrics;

import dev.headroom.scenario.LoadModel;
import dev.headroom.scenario.LoadShape;
import dev.headroom.scenario.SearchPhase;
import dev.headroom.scenario.Slo;
import dev.headroom.scenario.StepPlan;
import dev.headroom.sizing.CapacityAnalysis;
import dev.headroom.sizing.SizingRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Turns one step's client figures and server samples into a {@link StepResult}, validity included. */
public final class StepSummarizer {
    /** Below this share of the offered rate, the injector, not the service, set the pace. */
    static final double MIN_SENT_SHARE = 0.95;

    /**
     * Less idle CPU than this on the whole host, in cores, means the injector had to compete for
     * CPU: its timings then include its own queueing, so the step measured the injector too.
     */
    public static final double MIN_HOST_IDLE_CORES = 0.1;

    /** The scrape must cover at least this share of the window to be trusted for CPU rates. */
    public static final double MIN_SCRAPE_SPAN_SHARE = 0.5;

    private final LoadShape load;
    private final Slo slo;

    public StepSummarizer(LoadShape load, Slo slo) {
        this.load = load;
        this.slo = slo;
    }

    /** {@code server}: the window's figures, from {@link #server} alone or through a {@link ServerSource}. */
    public StepResult summarize(
            StepPlan plan, ClientRecorder.Summary client, ServerFigures server, Instant steadyStart) {
        EndpointStats total = client.total();
        boolean closed = load.model() == LoadModel.CLOSED;
        double concurrency = closed ? plan.offered() : total.inFlightAvg();
        boolean sloMet = sloMet(total, slo);
        Instant steadyEnd = steadyStart.plusMillis(Math.round(plan.steadyDurationS() * 1000));
        return new StepResult(
                plan.step(),
                load.model(),
                plan.offered(),
                concurrency,
                steadyStart,
                steadyEnd,
                total,
                client.byEndpoint(),
                server,
                sloMet,
                validity(plan, total, server, closed, load.paced()),
                plan.phase());
    }

    /**
     * The sizer's rule ({@link CapacityAnalysis#verdict}) on the step's client figures, so that
     * {@code slo_met} in steps.csv and the sizer's capacity at the SLO never disagree about a step.
     * The percentiles are of successful requests, so a step without one has none and is not met.
     */
    static boolean sloMet(EndpointStats total, Slo slo) {
        return CapacityAnalysis.verdict(
                        total.latencyMeanMs() / 1000,
                        total.latencyP95Ms() / 1000,
                        total.latencyP99Ms() / 1000,
                        total.errorRatio(),
                        SizingRequest.SloTarget.ofMillis(slo.p95Ms(), slo.p99Ms(), slo.errorRatio()))
                == CapacityAnalysis.SloVerdict.MET;
    }

    /** {@code pacedLoad}: the whole load runs on one arrival schedule (a staircase after a settled warm-up). */
    static Validity validity(
            StepPlan plan, EndpointStats total, ServerFigures server, boolean closed, boolean pacedLoad) {
        if (total.sent() == 0) return Validity.invalid("no request was sent in the steady window");
        // A search's users send on one schedule and wait for their answers: a request left unsent
        // fell due while every user waited on the service, so it is the service's backlog (the
        // trial did not keep up), not a slow injector; the host's own saturation is checked below.
        // So do a staircase's after a settled warm-up, whose steps run on the same schedule.
        boolean paced = pacedLoad || plan.phase() != SearchPhase.STEP;
        if (!closed && !paced && total.sentRps() < MIN_SENT_SHARE * plan.offered()) {
            return Validity.invalid(String.format(
                    "injector sent %.1f of %.1f req/s offered (under %.0f%%)",
                    total.sentRps(), plan.offered(), MIN_SENT_SHARE * 100));
        }
        if (server.hostIdleCores() < MIN_HOST_IDLE_CORES) {
            return Validity.invalid(String.format(
                    "host CPU saturated (%.2f cores idle, injector used %.2f cores): the injector was"
                            + " competing for CPU",
                    server.hostIdleCores(), server.injectorCpuCores()));
        }
        return Validity.VALID;
    }

    /** The figures of Headroom's own samples of one window: the actuator's scrape and /proc. */
    public static ServerFigures server(List<ServerSample> samples, double windowS) {
        List<ServerSample> scraped =
                samples.stream().filter(ServerSample::scrapeOk).toList();
        double scrapeSpanS = scraped.size() < 2
                ? 0
                : (scraped.get(scraped.size() - 1).atNanos() - scraped.get(0).atNanos()) / 1e9;
        double appCpu = Double.NaN;
        String source = "none";
        if (scrapeSpanS >= MIN_SCRAPE_SPAN_SHARE * windowS) {
            appCpu = rate(scraped, ServerSample::appCpuScrapeS);
            source = "actuator";
        }
        if (Double.isNaN(appCpu)) {
            appCpu = rate(samples, ServerSample::appCpuProcS);
            source = Double.isNaN(appCpu) ? "none" : "proc";
        }
        double hostBusy = rate(samples, ServerSample::hostBusyS);
        double hostTotal = rate(samples, ServerSample::hostTotalS);
        return ServerFigures.builder()
                .appCpuCores(appCpu)
                .appCpuSource(source)
                .appCpuProcCores(rate(samples, ServerSample::appCpuProcS))
                .dbCpuCores(rate(samples, ServerSample::dbCpuProcS))
                .poolActiveAvg(mean(scraped, ServerSample::poolActive))
                .poolIdleAvg(mean(scraped, ServerSample::poolIdle))
                .poolPendingAvg(mean(scraped, ServerSample::poolPending))
                .poolMax(mean(scraped, ServerSample::poolMax))
                .connAcquireMsAvg(ratioOfDeltas(scraped, ServerSample::acquireSumS, ServerSample::acquireCount) * 1000)
                .connUsageMsAvg(ratioOfDeltas(scraped, ServerSample::usageSumS, ServerSample::usageCount) * 1000)
                .poolTimeouts(delta(scraped, ServerSample::poolTimeouts))
                .tomcatBusyThreadsAvg(mean(scraped, ServerSample::tomcatBusyThreads))
                .gcPauseMsPerS(rate(scraped, ServerSample::gcPauseSumS) * 1000)
                .heapUsedMbAvg(mean(scraped, ServerSample::heapUsedBytes) / (1024 * 1024))
                .appMemoryMibMax(samples.stream()
                                .mapToDouble(ServerSample::appResidentBytes)
                                .filter(v -> !Double.isNaN(v))
                                .max()
                                .orElse(Double.NaN)
                        / (1024 * 1024))
                .serverLatencyMsAvg(
                        ratioOfDeltas(scraped, ServerSample::httpServerSumS, ServerSample::httpServerCount) * 1000)
                .serverRps(rate(scraped, ServerSample::httpServerCount))
                .injectorCpuCores(rate(samples, ServerSample::injectorCpuS))
                .hostBusyCores(hostBusy)
                .hostIdleCores(hostTotal - hostBusy)
                .dbReadMsPerS(growthRate(samples, ServerSample::dbReadS) * 1000)
                .dbWriteMsPerS(growthRate(samples, ServerSample::dbWriteS) * 1000)
                .hostSpeedOpsPerCpuS(ratioOfDeltas(samples, ServerSample::probeOps, ServerSample::probeCpuS))
                .cpuThrottledShare(ratioOfDeltas(samples, ServerSample::cfsThrottledPeriods, ServerSample::cfsPeriods))
                // a counter that shrank (a container's cgroup made anew) is no time
                .cpuThrottledMsPerS(growthRate(samples, ServerSample::cfsThrottledS) * 1000)
                .samples(samples.size())
                .scrapesFailed((int) samples.stream()
                        .filter(x -> x.scrapeDue() && !x.scrapeOk())
                        .count())
                .metricsSource("direct")
                .notes(List.of())
                .crossCheck(Optional.empty())
                .build();
    }

    /** Per-second rate of a cumulative figure between its first and last finite readings. */
    static double rate(List<ServerSample> samples, ToDoubleFunction<ServerSample> f) {
        ServerSample first = null;
        ServerSample last = null;
        for (ServerSample s : samples) {
            if (Double.isNaN(f.applyAsDouble(s))) continue;
            if (first == null) first = s;
            last = s;
        }
        if (first == null || last == first) return Double.NaN;
        double dt = (last.atNanos() - first.atNanos()) / 1e9;
        return (f.applyAsDouble(last) - f.applyAsDouble(first)) / dt;
    }

    /**
     * {@link #rate} of a figure that only grows, NaN if it shrank: performance_schema's digest rows
     * are cleared by a TRUNCATE or evicted when the table is full, and a negative rate is no time.
     */
    static double growthRate(List<ServerSample> samples, ToDoubleFunction<ServerSample> f) {
        double r = rate(samples, f);
        return r >= 0 ? r : Double.NaN;
    }

    static double delta(List<ServerSample> samples, ToDoubleFunction<ServerSample> f) {
        List<ServerSample> finite =
                samples.stream().filter(s -> !Double.isNaN(f.applyAsDouble(s))).toList();
        if (finite.size() < 2) return Double.NaN;
        return f.applyAsDouble(finite.get(finite.size() - 1)) - f.applyAsDouble(finite.get(0));
    }

    /** Mean of a timer over the window: growth of its sum over growth of its count. */
    static double ratioOfDeltas(
            List<ServerSample> samples, ToDoubleFunction<ServerSample> sum, ToDoubleFunction<ServerSample> count) {
        double dCount = delta(samples, count);
        if (Double.isNaN(dCount) || dCount <= 0) return Double.NaN;
        return delta(samples, sum) / dCount;
    }

    static double mean(List<ServerSample> samples, ToDoubleFunction<ServerSample> f) {
        return samples.stream()
                .mapToDouble(f)
                .filter(v -> !Double.isNaN(v))
                .average()
                .orElse(Double.NaN);
    }
}
