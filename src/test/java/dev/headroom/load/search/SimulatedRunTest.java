package dev.headroom.load.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.load.warmup.WarmupDetector;
import dev.headroom.load.warmup.WarmupSettings;
import dev.headroom.load.warmup.WarmupVerdict;
import dev.headroom.load.warmup.WarmupWindow;
import dev.headroom.sizing.DemandLine;
import dev.headroom.sizing.MeasuredStep;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pure parts composed as the run will compose them (docs/search.md, "Wiring"), on a simulated
 * service: a settled warm-up, then the search, then CPU per request from a line over its trials.
 *
 * <p>The service: D = 0.5 ms and U0 = 0.05 cores once compiled; while the JIT compiles, CPU per
 * request is 1 + 2.7 e^(-t / 50 s) times that (3.7 times at the start, as the README's
 * bench/jit-settling.sh measured, levelling off after about 150 s); one core, so it carries
 * (1 - 0.05) / 0.0005 = 1900 req/s, and a trial passes when its rate is below that times (1 + e),
 * e normal with sd 2 % (short) or 1 % (full). Its CPU figure has 5 % noise per 15 s window, less
 * over longer trials (5 % / sqrt(duration / 15 s)).
 */
class SimulatedRunTest {
    private static final double D = 0.0005;
    private static final double U0 = 0.05;
    private static final double CAPACITY = (1 - U0) / D;

    @Test
    void aSettledWarmUpThenASearchGiveTheCapacityAndTheDemand() {
        int runs = 200;
        int found = 0;
        int dWithin7 = 0;
        int trusted = 0;
        for (int seed = 0; seed < runs; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] t = {0};

            // warm-up at 200 req/s, 15 s windows
            WarmupDetector warmup = new WarmupDetector(WarmupSettings.DEFAULTS);
            WarmupVerdict v;
            do {
                t[0] += 15;
                double cores = (U0 + 200 * D * jit(t[0])) * (1 + 0.05 * CapacitySearchTest.gaussian(random));
                v = warmup.add(new WarmupWindow(15, 200, 200, cores, Double.NaN, Double.NaN));
            } while (!v.ended());
            assertThat(v.settled()).isTrue();

            // the search from the warm-up's rate, each trial measuring throughput and CPU
            CapacitySearch search = new CapacitySearch(SearchSettings.between(200, 10_000));
            List<MeasuredStep> steps = new ArrayList<>();
            for (var next = search.next(); next.isPresent(); next = search.next()) {
                Trial trial = next.get();
                t[0] += trial.durationS() + 2;
                double sd = trial.durationS() >= 30 ? 0.01 : 0.02;
                boolean passed = trial.offeredRps() <= CAPACITY * (1 + sd * CapacitySearchTest.gaussian(random));
                double x = passed ? trial.offeredRps() : CAPACITY;
                double cpuNoise = 0.05 / Math.sqrt(trial.durationS() / 15);
                double cores =
                        Math.min(1, (U0 + x * D * jit(t[0])) * (1 + cpuNoise * CapacitySearchTest.gaussian(random)));
                search.record(passed ? TrialOutcome.passed(trial, x, 0.01) : TrialOutcome.failed(trial, x, 1.0, false));
                if (passed) steps.add(step(trial.number(), trial.offeredRps(), x, cores));
            }
            SearchResult r = search.result();
            if (r.status() == SearchStatus.FOUND && r.capacityRps() >= 0.91 * CAPACITY) found++;
            DemandLine line = DemandLine.fit(steps, MeasuredStep::appCpuCores).orElseThrow();
            if (line.trustworthy()) trusted++;
            if (Math.abs(line.cpuSecondsPerRequest() / D - 1) <= 0.07) dWithin7++;
        }
        // the search's own promise (CapacitySearchTest): 95 % within [0.91 C, 1.05 C]
        assertThat(found).isGreaterThanOrEqualTo(runs * 95 / 100);
        // issue 12 asks D within ±7 % run to run; with 5 % CPU noise and the passing trials spread
        // over 200..1900 req/s, most runs must get there, and the sizer must trust the line
        assertThat(dWithin7).isGreaterThanOrEqualTo(runs * 90 / 100);
        assertThat(trusted).isGreaterThanOrEqualTo(runs * 90 / 100);
    }

    private static double jit(double seconds) {
        return 1 + 2.7 * Math.exp(-seconds / 50);
    }

    private static MeasuredStep step(int n, double offered, double x, double cores) {
        double nm = Double.NaN;
        return new MeasuredStep(
                n, nm, offered, x, 0.005, 0.01, 0.02, 0, cores, nm, nm, nm, nm, nm, nm, nm, nm, nm, nm, nm, nm, true,
                "");
    }
}
