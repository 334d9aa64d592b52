package dev.headroom.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Records every request the injector sends, by step and endpoint, from Gatling's own response
 * times: Gatling 3.13+ writes only a binary log, so the figures are taken in the simulation as the
 * responses arrive. It sits on the injector's hot path: lock-free counters, no allocation per call.
 *
 * <p>A request belongs to the step in whose steady window it started; its success counts towards
 * throughput in the window where it completed.
 */
public final class ClientRecorder {
    /** Highest latency tracked: above any request timeout Headroom accepts (600 s). */
    private static final long MAX_TRACKABLE_MS = 3_600_000;

    /** 0.1% resolution; histograms auto-resize, so a step only pays for the range it saw. */
    private static final int SIGNIFICANT_DIGITS = 3;

    private final StepWindows windows;
    private final List<String> names;
    private final Cell[][] cells; // [step][request]; step 0 is everything outside the windows
    private final AtomicLong[] inFlight;

    /**
     * @param names what the scenario sends (its endpoints or its own requests); a request is recorded
     *     under its index in this list
     */
    public ClientRecorder(StepWindows windows, List<String> names) {
        this.windows = windows;
        this.names = List.copyOf(names);
        int steps = windows.capacity();
        this.cells = new Cell[steps + 1][names.size()];
        this.inFlight = new AtomicLong[steps + 1];
        for (int s = 0; s <= steps; s++) {
            inFlight[s] = new AtomicLong();
            for (int e = 0; e < names.size(); e++) cells[s][e] = new Cell();
        }
    }

    public StepWindows windows() {
        return windows;
    }

    /** Call as a request is sent; returns its step (0 when outside every steady window). */
    public int begin(int request, long startNanos) {
        windows.startIfUnset(startNanos);
        int step = windows.stepAt(startNanos);
        cells[step][request].sent.increment();
        inFlight[step].incrementAndGet();
        return step;
    }

    /**
     * Call as the request ends. {@code latencyMs} is Gatling's response time, or a negative value
     * when Gatling has none (no response came back); then the elapsed time stands in for it.
     */
    public void end(int request, int step, long startNanos, long endNanos, long latencyMs, Outcome outcome) {
        Cell cell = cells[step][request];
        long ms = latencyMs >= 0 ? latencyMs : Math.max(0, (endNanos - startNanos) / 1_000_000);
        cell.latencySumMs.add(ms);
        cell.byOutcome[outcome.ordinal()].increment();
        if (outcome == Outcome.OK) {
            cell.okLatencyMs.recordValue(Math.min(ms, MAX_TRACKABLE_MS));
            int completedIn = windows.stepAt(endNanos);
            cells[completedIn][request].okCompleted.increment();
        }
        inFlight[step].decrementAndGet();
    }

    /**
     * Running totals of everything outside the steady windows (the warm-up, the ramps): a search's
     * warm-up takes differences of two readings for one window's throughput and mean latency.
     */
    public OutsideTotals outside() {
        long ok = 0;
        long finished = 0;
        long latencySumMs = 0;
        for (Cell cell : cells[0]) {
            ok += cell.okCompleted.sum();
            for (LongAdder n : cell.byOutcome) finished += n.sum();
            latencySumMs += cell.latencySumMs.sum();
        }
        return new OutsideTotals(ok, finished, latencySumMs);
    }

    /**
     * @param okCompleted successful requests that completed outside every window
     * @param finished requests started outside every window that have ended (ok or not)
     * @param latencySumMs their summed latency, ms
     */
    public record OutsideTotals(long okCompleted, long finished, long latencySumMs) {}

    /** Requests of every step, and outside the windows, still waiting for an answer. */
    public long inFlightTotal() {
        long n = 0;
        for (AtomicLong a : inFlight) n += a.get();
        return n;
    }

    /** Requests of {@code step} still waiting for an answer. */
    public long inFlight(int step) {
        return inFlight[step].get();
    }

    /** Totals over all endpoints first, then one entry per endpoint that was sent anything. */
    public Summary summarize(int step) {
        double windowS = windows.plan().get(step - 1).steadyDurationS();
        Map<String, EndpointStats> byEndpoint = new LinkedHashMap<>();
        Cell total = new Cell();
        for (int e = 0; e < names.size(); e++) {
            Cell cell = cells[step][e];
            if (cell.sent.sum() == 0 && cell.okCompleted.sum() == 0) continue;
            byEndpoint.put(names.get(e), cell.stats(names.get(e), windowS));
            total.addAll(cell);
        }
        return new Summary(total.stats("all", windowS), Map.copyOf(byEndpoint));
    }

    /** One step's client figures: all endpoints together, and each one. */
    public record Summary(EndpointStats total, Map<String, EndpointStats> byEndpoint) {}

    private static final class Cell {
        final LongAdder sent = new LongAdder();
        final LongAdder okCompleted = new LongAdder();
        final LongAdder latencySumMs = new LongAdder();
        final LongAdder[] byOutcome = new LongAdder[Outcome.values().length];
        final Histogram okLatencyMs = new ConcurrentHistogram(SIGNIFICANT_DIGITS);

        Cell() {
            for (int i = 0; i < byOutcome.length; i++) byOutcome[i] = new LongAdder();
        }

        void addAll(Cell other) {
            sent.add(other.sent.sum());
            okCompleted.add(other.okCompleted.sum());
            latencySumMs.add(other.latencySumMs.sum());
            for (int i = 0; i < byOutcome.length; i++) byOutcome[i].add(other.byOutcome[i].sum());
            okLatencyMs.add(other.okLatencyMs);
        }

        EndpointStats stats(String name, double windowS) {
            long ok = byOutcome[Outcome.OK.ordinal()].sum();
            Map<String, Long> errors = new LinkedHashMap<>();
            long errorCount = 0;
            for (Outcome o : List.of(Outcome.values())) {
                if (o == Outcome.OK) continue;
                long n = byOutcome[o.ordinal()].sum();
                errors.put(o.key(), n);
                errorCount += n;
            }
            long finished = ok + errorCount;
            Histogram h = okLatencyMs;
            boolean any = h.getTotalCount() > 0;
            return new EndpointStats(
                    name,
                    sent.sum(),
                    ok,
                    errors,
                    sent.sum() / windowS,
                    okCompleted.sum() / windowS,
                    finished == 0 ? Double.NaN : (double) errorCount / finished,
                    finished == 0 ? Double.NaN : (double) latencySumMs.sum() / finished,
                    any ? h.getValueAtPercentile(50) : Double.NaN,
                    any ? h.getValueAtPercentile(90) : Double.NaN,
                    any ? h.getValueAtPercentile(95) : Double.NaN,
                    any ? h.getValueAtPercentile(99) : Double.NaN,
                    any ? h.getMaxValue() : Double.NaN,
                    latencySumMs.sum() / 1000.0 / windowS);
        }
    }
}
