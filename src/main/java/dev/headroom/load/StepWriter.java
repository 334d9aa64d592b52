package dev.headroom.load;

import dev.headroom.metrics.ClientRecorder;
import dev.headroom.metrics.NanoClock;
import dev.headroom.metrics.ServerFigures;
import dev.headroom.metrics.ServerSampler;
import dev.headroom.metrics.ServerSource;
import dev.headroom.metrics.StepResult;
import dev.headroom.metrics.StepSummarizer;
import dev.headroom.metrics.StepWindows;
import dev.headroom.results.RunDirectory;
import dev.headroom.results.RunJournal;
import dev.headroom.scenario.Scenario;
import dev.headroom.scenario.StepPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes each step as soon as it is over: its steady window has ended and every request sent in
 * it has come back, or the request timeout has passed since (the stragglers are then timeouts).
 */
final class StepWriter {
    /** How long the end of a run may wait for the last window to close. */
    private static final long MAX_END_WAIT_NANOS = 2_000_000_000L;

    private final Scenario scenario;
    private final StepWindows windows;
    private final ClientRecorder recorder;
    private final StepSummarizer summarizer;
    private final ServerSampler sampler;
    private final ServerSource source;
    private final RunDirectory dir;
    private final RunJournal journal;
    private final NanoClock clock;
    private final Consumer<String> say;
    private final long baseNanos;
    private final long baseWallMillis;
    private int nextStep = 1;
    private final java.util.Map<Integer, StepResult> results = new java.util.concurrent.ConcurrentHashMap<>();

    StepWriter(
            Scenario scenario,
            ClientRecorder recorder,
            ServerSampler sampler,
            ServerSource source,
            RunDirectory dir,
            RunJournal journal,
            NanoClock clock,
            Consumer<String> say) {
        this.scenario = scenario;
        this.windows = recorder.windows();
        this.recorder = recorder;
        this.summarizer = new StepSummarizer(scenario.load(), scenario.slo());
        this.sampler = sampler;
        this.source = source;
        this.dir = dir;
        this.journal = journal;
        this.clock = clock;
        this.say = say;
        // one pair of readings maps the monotonic clock of the windows onto wall time
        this.baseNanos = clock.nanoTime();
        this.baseWallMillis = System.currentTimeMillis();
    }

    /** Step {@code step} as written to steps.csv, once it has been. */
    Optional<StepResult> result(int step) {
        return Optional.ofNullable(results.get(step));
    }

    /** Steps written so far. */
    synchronized int written() {
        return nextStep - 1;
    }

    /**
     * Writes every step that is over. Windows that end after {@code abortNanos} are never written:
     * the lab failed inside them, so their figures are not the service's. Returns why writing
     * failed, if it did.
     */
    synchronized Optional<String> writeReady(boolean runEnded, long abortNanos) {
        if (!windows.started()) return Optional.empty();
        long now = clock.nanoTime();
        long graceNanos = (long) ((scenario.requestTimeoutS() + 2) * 1e9);
        while (nextStep <= windows.plan().size()) {
            long end = windows.steadyEndNanos(nextStep);
            if (end > abortNanos) return Optional.empty();
            if (now < end && runEnded && end - now < MAX_END_WAIT_NANOS) {
                // the timeline began at the first request, a few ms after Gatling's own start, so the
                // injection can end just before the last window does: let the window run its length
                sleepNanos(end - now);
                now = clock.nanoTime();
            }
            if (now < end) return Optional.empty();
            boolean drained = recorder.inFlight(nextStep) == 0;
            if (!drained && !runEnded && now < end + graceNanos) return Optional.empty();
            if (!source.ready(wall(end))) {
                if (!runEnded) return Optional.empty();
                // the last step: the source gives up waiting within its own limit
                while (!source.ready(wall(end))) sleepNanos(200_000_000L);
            }
            try {
                write(windows.plan().get(nextStep - 1));
            } catch (IOException | UncheckedIOException e) {
                return Optional.of("cannot write step " + nextStep + " to " + dir.path() + ": " + e.getMessage());
            }
            nextStep++;
        }
        return Optional.empty();
    }

    private void write(StepPlan plan) throws IOException {
        long start = windows.steadyStartNanos(plan.step());
        long end = windows.steadyEndNanos(plan.step());
        Instant steadyStart = wall(start);
        ServerFigures direct = StepSummarizer.server(sampler.between(start, end), plan.steadyDurationS());
        ServerFigures server = source.figures(direct, steadyStart, wall(end));
        StepResult result = summarizer.summarize(plan, recorder.summarize(plan.step()), server, steadyStart);
        dir.append(result);
        results.put(plan.step(), result);
        journal.set("steps_completed", plan.step());
        say.accept(String.format(
                Locale.ROOT,
                "step %d: offered %.0f%s, throughput %.1f req/s, p95 %.0f ms, errors %.2f%%, app CPU %.2f cores%s",
                plan.step(),
                plan.offered(),
                " " + scenario.load().model().loadUnit(),
                result.client().throughputRps(),
                result.client().latencyP95Ms(),
                result.client().errorRatio() * 100,
                result.server().appCpuCores(),
                result.validity().valid()
                        ? ""
                        : " - INVALID: " + result.validity().reason()));
        List<String> notes = result.server().notes();
        if (!notes.isEmpty()) {
            say.accept("step " + plan.step() + ": " + notes.size() + " note(s) on the server figures (all in"
                    + " steps.json): " + notes.get(0));
        }
    }

    private Instant wall(long nanos) {
        return Instant.ofEpochMilli(baseWallMillis + (nanos - baseNanos) / 1_000_000);
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
