package dev.headroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.scenario.SearchPhase;
import dev.headroom.scenario.Slo;
import dev.headroom.scenario.StepPlan;
import dev.headroom.sizing.CapacityAnalysis;
import dev.headroom.sizing.SizingRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepSummarizerTest {
    private static final double NAN = Double.NaN;

    /** A sample at {@code t} seconds of a service that has used {@code cpu} CPU seconds so far. */
    private static ServerSample sample(double t, boolean scrapeOk, double cpu, double hostBusy, double hostTotal) {
        return sample(t, true, scrapeOk, cpu, hostBusy, hostTotal);
    }

    private static ServerSample sample(
            double t, boolean scrapeDue, boolean scrapeOk, double cpu, double hostBusy, double hostTotal) {
        return new ServerSample(
                (long) (t * 1e9),
                scrapeDue,
                scrapeOk,
                scrapeOk ? cpu : NAN,
                cpu * 1.01,
                (300 + t) * 1024 * 1024,
                2 * t * 0.1,
                0.5 * t,
                hostBusy,
                hostTotal,
                scrapeOk ? 4 : NAN,
                scrapeOk ? 6 : NAN,
                scrapeOk ? 1 : NAN,
                scrapeOk ? 10 : NAN,
                scrapeOk ? t * 0.002 : NAN,
                scrapeOk ? t * 100 : NAN,
                scrapeOk ? t * 0.4 : NAN,
                scrapeOk ? t * 100 : NAN,
                scrapeOk ? 0 : NAN,
                scrapeOk ? 8 : NAN,
                scrapeOk ? t * 0.001 : NAN,
                scrapeOk ? 100 * 1024 * 1024 : NAN,
                NAN,
                NAN,
                NAN,
                NAN,
                NAN,
                100 * t, // the speed probe: 100 operations a sample,
                0.002 * t, // in 2 ms of the sampler thread's CPU
                10 * t, // 10 CFS periods of 100 ms a second,
                2.5 * t, // a quarter of them throttled,
                0.05 * t); // for 50 ms a second
    }

    @Test
    void ratesComeFromCumulativeFiguresAndTimersFromTheirSumsOverCounts() {
        List<ServerSample> samples = new ArrayList<>();
        for (int t = 0; t <= 10; t++) samples.add(sample(t, true, 0.75 * t, 1.5 * t, 2.0 * t));
        ServerFigures f = StepSummarizer.server(samples, 10);
        assertThat(f.appCpuSource()).isEqualTo("actuator");
        assertThat(f.metricsSource()).isEqualTo("direct");
        assertThat(f.appCpuCores()).isCloseTo(0.75, within(1e-9));
        assertThat(f.dbCpuCores()).isCloseTo(0.2, within(1e-9));
        assertThat(f.injectorCpuCores()).isCloseTo(0.5, within(1e-9));
        assertThat(f.hostIdleCores()).isCloseTo(0.5, within(1e-9));
        // acquire: 0.002 s per 100 acquisitions = 0.02 ms; usage (hold): 0.4 s per 100 = 4 ms
        assertThat(f.connAcquireMsAvg()).isCloseTo(0.02, within(1e-9));
        assertThat(f.connUsageMsAvg()).isCloseTo(4.0, within(1e-9));
        assertThat(f.poolActiveAvg()).isEqualTo(4.0);
        assertThat(f.gcPauseMsPerS()).isCloseTo(1.0, within(1e-9));
        assertThat(f.heapUsedMbAvg()).isCloseTo(100, within(1e-9));
        assertThat(f.appMemoryMibMax())
                .as("the largest RSS of the window, not its mean")
                .isCloseTo(310, within(1e-9));
        // the host's speed: 1000 probe operations (t 0 to 10) in 0.02 CPU s = 50,000 per CPU-second
        assertThat(f.hostSpeedOpsPerCpuS()).isCloseTo(50_000, within(1e-6));
        // 2.5 throttled periods of 10 a second: 0.25; 0.05 s stopped a second: 50 ms/s
        assertThat(f.cpuThrottledShare()).isCloseTo(0.25, within(1e-9));
        assertThat(f.cpuThrottledMsPerS()).isCloseTo(50, within(1e-9));
    }

    @Test
    void fallsBackToProcWhenTheScrapesFailUnderSaturation() {
        List<ServerSample> samples = new ArrayList<>();
        for (int t = 0; t <= 10; t++) samples.add(sample(t, t == 5, 1.0 * t, 1.5 * t, 2.0 * t));
        ServerFigures f = StepSummarizer.server(samples, 10);
        assertThat(f.appCpuSource()).isEqualTo("proc");
        assertThat(f.appCpuCores()).isCloseTo(1.01, within(1e-9));
        assertThat(f.scrapesFailed()).isEqualTo(10);
        assertThat(f.connUsageMsAvg()).isNaN(); // one scrape cannot give a rate: unmeasured, not zero
    }

    @Test
    void scrapesSkippedOnPurposeAreNotFailuresAndTheRatesSpanTheScrapesThatWereMade() {
        // scraped every 5th sample (t = 0, 5, 10), as while a Prometheus scrapes the same meters:
        // the actuator's CPU is (7.5 - 0) CPU s over 10 s = 0.75 cores, nothing failed
        List<ServerSample> samples = new ArrayList<>();
        for (int t = 0; t <= 10; t++) {
            boolean due = t % 5 == 0;
            samples.add(sample(t, due, due, 0.75 * t, 1.5 * t, 2.0 * t));
        }
        ServerFigures f = StepSummarizer.server(samples, 10);
        assertThat(f.scrapesFailed()).isZero();
        assertThat(f.appCpuSource()).isEqualTo("actuator");
        assertThat(f.appCpuCores()).isCloseTo(0.75, within(1e-9));
        // usage: 0.4 s per 100 connections whichever samples hold it = 4 ms
        assertThat(f.connUsageMsAvg()).isCloseTo(4.0, within(1e-9));
        // a due scrape that got no answer is still a failure
        samples.set(5, sample(5, true, false, 0.75 * 5, 1.5 * 5, 2.0 * 5));
        assertThat(StepSummarizer.server(samples, 10).scrapesFailed()).isEqualTo(1);
    }

    @Test
    void aStepWhereTheInjectorSentLessThan95PercentIsInvalid() {
        StepPlan plan = new StepPlan(1, 100, 0, 0, 10);
        ServerFigures idleHost = figures(1.0);
        assertThat(StepSummarizer.validity(plan, stats(96), idleHost, false, false)
                        .valid())
                .isTrue();
        Validity v = StepSummarizer.validity(plan, stats(94), idleHost, false, false);
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).contains("94.0 of 100.0");
        // the closed model offers users, not a rate: the rate rule does not apply
        assertThat(StepSummarizer.validity(plan, stats(10), idleHost, true, false)
                        .valid())
                .isTrue();
    }

    @Test
    void aSearchTrialThatSentLessIsValidItsUnsentRequestsAreTheServicesBacklog() {
        // trial 3 of a search at 1519 req/s: every user waited on the service, 969 req/s were sent
        StepPlan trial = new StepPlan(3, 1519, 0, 2, 12, SearchPhase.PROBE);
        assertThat(StepSummarizer.validity(trial, stats(969), figures(1.0), false, false)
                        .valid())
                .isTrue();
        // but a saturated host still invalidates it: then the injector, not the service, fell short
        assertThat(StepSummarizer.validity(trial, stats(969), figures(0.05), false, false)
                        .reason())
                .contains("host CPU saturated");
    }

    @Test
    void aStaircaseStepOnTheSearchsScheduleIsJudgedAsATrialIs() {
        // step 9 of a staircase after a settled warm-up: 900 req/s offered, 600 sent while every
        // user of the pool waited on the service; the same step from Gatling's injector is invalid
        StepPlan step = new StepPlan(9, 900, 0, 5, 35);
        assertThat(StepSummarizer.validity(step, stats(600), figures(1.0), false, true)
                        .valid())
                .isTrue();
        assertThat(StepSummarizer.validity(step, stats(600), figures(1.0), false, false)
                        .reason())
                .contains("600.0 of 900.0");
        assertThat(StepSummarizer.validity(step, stats(600), figures(0.05), false, true)
                        .reason())
                .contains("host CPU saturated");
    }

    @Test
    void aStepOnASaturatedHostIsInvalid() {
        StepPlan plan = new StepPlan(1, 100, 0, 0, 10);
        Validity v = StepSummarizer.validity(plan, stats(100), figures(0.05), false, false);
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).contains("host CPU saturated");
    }

    private static EndpointStats stats(double sentRps) {
        return StepFixtures.endpointStats(sentRps, sentRps);
    }

    private static ServerFigures figures(double hostIdleCores) {
        return StepFixtures.serverFigures(0.5, hostIdleCores);
    }

    /** A step's client figures with the SLO's three: p95 and p99 of successful requests, errors. */
    private static EndpointStats client(long ok, double errorRatio, double p95Ms, double p99Ms) {
        Map<String, Long> errors = Map.of("http_5xx", 100 - ok);
        return new EndpointStats("all", 100, ok, errors, 10, ok / 10.0, errorRatio, 20, 10, 30, p95Ms, p99Ms, 300, 1);
    }

    /**
     * slo_met and the sizer's capacity at the SLO judge a step by one rule. SLO: p95 100 ms, p99 200
     * ms, 1 % errors. Hand-worked: at every limit exactly, met (the limit is allowed); 0.5 ms over
     * at p95, missed; 2 errors in 100 (0.02 > 0.01), missed; no successful request, so no
     * percentiles, not met; nothing finished, no error ratio either: unknown to the sizer.
     */
    @Test
    void sloMetIsTheSizersSloRule() {
        Slo slo = new Slo(100, 200, 0.01);
        SizingRequest.SloTarget target = SizingRequest.SloTarget.ofMillis(100, 200, 0.01);
        record Case(EndpointStats client, boolean met, CapacityAnalysis.SloVerdict verdict) {}
        List<Case> cases = List.of(
                new Case(client(99, 0.01, 100, 200), true, CapacityAnalysis.SloVerdict.MET),
                new Case(client(99, 0.01, 100.5, 200), false, CapacityAnalysis.SloVerdict.MISSED),
                new Case(client(98, 0.02, 50, 80), false, CapacityAnalysis.SloVerdict.MISSED),
                new Case(client(0, 1, NAN, NAN), false, CapacityAnalysis.SloVerdict.MISSED),
                new Case(client(0, NAN, NAN, NAN), false, CapacityAnalysis.SloVerdict.UNKNOWN));
        for (Case c : cases) {
            assertThat(StepSummarizer.sloMet(c.client(), slo)).as(c.toString()).isEqualTo(c.met());
            EndpointStats t = c.client();
            assertThat(CapacityAnalysis.verdict(
                            t.latencyMeanMs() / 1000,
                            t.latencyP95Ms() / 1000,
                            t.latencyP99Ms() / 1000,
                            t.errorRatio(),
                            target))
                    .as(c.toString())
                    .isEqualTo(c.verdict());
        }
    }
}
