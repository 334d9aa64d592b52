package dev.headroom.load.search;

import dev.headroom.scenario.SearchPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The highest arrival rate a service carries within its SLO, found in few trials: a state machine
 * the run drives with {@link #next()} (the trial to make) and {@link #record(TrialOutcome)} (what it
 * measured), until {@code next()} is empty and {@link #result()} holds the answer. Pure logic: no
 * clock, no load, no I/O.
 *
 * <p>The phases, and where each comes from:
 *
 * <ol>
 *   <li>probe: from the start rate, multiply by the growth factor until a trial fails (or halve
 *       until one passes), Nighthawk's exponential search (envoyproxy/nighthawk,
 *       source/adaptive_load/step_controller_impl, "ExponentialSearchStepController");
 *   <li>bisect: the arithmetic midpoint of the highest pass and the lowest fail, until the relative
 *       width (hi - lo) / hi is within the precision; Nighthawk bisects to 1 %, aiperf's and
 *       MLRsearch's default goals are nearer 5 %, which a 2-core host's ±10 % CPU noise (README,
 *       "How long the service takes to warm up") can still resolve;
 *   <li>confirm: probe and bisection trials are short, and only the answer is measured at full
 *       length, as MLRsearch does (draft-ietf-bmwg-mlrsearch, "trial duration"); a full-length
 *       fail makes the short trials suspect, so the search walks down at full length below it:
 *       one precision below the failed answer, then twice, four times as far while it fails, never
 *       below the bracket's midpoint, and bisects once a full-length trial passed ({@link
 *       #walkDownStep});
 *   <li>repeat: more full-length trials at the answer give a spread of its throughput, as aiperf
 *       replicates its measurement for an interval. At most half of the full-length trials at the
 *       answer may fail (MLRsearch's goal exceed ratio, 0.5); more lowers the answer and
 *       bisection continues at full length below it. A tolerated fail that leaves a single pass
 *       gets one more trial, so the interval has two passes to spread.
 *   <li>retest: a JIT still compiling takes the service's CPU, so a short trial early in the search
 *       can fail at a rate the warmed service carries (measured: a bisection failed at 609 req/s
 *       on 0.86 ms of CPU a request, and the answer confirmed below it ran on 0.66-0.73 ms). When
 *       the lowest fail was short and cost more CPU per request than the answer's passes by over
 *       {@link #STALE_CPU_TOLERANCE}, it is tried once more, short, before the answer's
 *       full-length trials (judged against its short passes), or after them (against the
 *       full-length ones) when it was not stale before; if it passes now the search goes on above
 *       it, climbing by growing steps of the precision ({@link #climb}) rather than doubling. The
 *       settled warm-up's own tolerance (docs/search.md).
 *   <li>budget: the narrowing stops while the trial and time budgets still hold the answer's
 *       full-length trials, and the bracket reached is confirmed ({@link SearchStatus#BUDGET_EXHAUSTED}).
 * </ol>
 *
 * <p>A trial the host limited ({@link TrialOutcome#valid()} false) is made once more first, as it
 * was: it says nothing of the service, and a neighbour that took the host's CPU for a while (a
 * build beside the run, measured here: the host 0.02-0.07 cores idle for a minute) would otherwise
 * halve the search down to a rate the host never limited. If it is limited again it bounds the
 * search like a fail, and the result then says {@link SearchStatus#HOST_BOUND}, not a service
 * capacity. The first, superseded trial stays in the record but counts for nothing.
 */
public final class CapacitySearch {
    /**
     * A fail is retested when its CPU per request was above the answer's by more than this share: the
     * settled warm-up's tolerance for CPU per request between windows (load.warmup.WarmupSettings).
     */
    static final double STALE_CPU_TOLERANCE = 0.10;

    private final SearchSettings settings;
    private final java.util.Set<Double> retested = new java.util.HashSet<>();
    private final java.util.Set<Integer> superseded = new java.util.HashSet<>(); // invalid trials made again
    private Trial again; // an invalid trial to make once more, next
    private final List<TrialOutcome> outcomes = new ArrayList<>();
    private Trial pending;
    private SearchStatus finished;
    private double lo = Double.NaN; // highest rate that passed (and, once confirmed, every full trial at it)
    private double hi = Double.NaN; // lowest rate that failed
    private boolean hiFromHost;
    private boolean fullLengthBisection;
    private int walkDownFails = -1; // full-length fails since the answer dropped, none passing; -1: not walking
    private double walkDownFrom = Double.NaN; // the answer whose full-length trials failed
    private double climbFrom = Double.NaN; // a retest that passed with nothing failed above it
    private int climbSteps; // upward probes made from climbFrom
    private boolean coarse; // the budget stopped the narrowing: the answer is confirmed, the bracket wider
    private double spentS;

    public CapacitySearch(SearchSettings settings) {
        if (settings == null) throw new IllegalArgumentException("settings are required");
        this.settings = settings;
    }

    /** The next trial to make, or empty when the search has ended. */
    public Optional<Trial> next() {
        if (pending != null)
            throw new IllegalStateException("record the outcome of trial " + pending.number() + " first");
        if (finished != null) return Optional.empty();
        Proposal p = propose();
        if (p == null) return Optional.empty();
        boolean overTrials = outcomes.size() >= settings.maxTrials();
        boolean overTime = spentS + p.durationS > settings.maxSearchS() + 1e-9;
        if (overTrials || overTime) {
            finished = SearchStatus.BUDGET_EXHAUSTED;
            return Optional.empty();
        }
        pending = new Trial(outcomes.size() + 1, p.phase, p.rps, p.durationS);
        return Optional.of(pending);
    }

    /** What the trial {@link #next()} proposed measured. */
    public void record(TrialOutcome outcome) {
        if (pending == null || outcome == null || !pending.equals(outcome.trial()))
            throw new IllegalStateException("the outcome must be of the trial next() proposed, " + pending);
        pending = null;
        outcomes.add(outcome);
        spentS += outcome.trial().durationS();
        double rate = outcome.trial().offeredRps();
        if (!outcome.valid() && !madeAgain(outcome.trial())) {
            again = outcome.trial();
            superseded.add(outcome.trial().number());
            return;
        }
        boolean walkingDown = walkDownFails >= 0 && isFull(outcome.trial()) && outcome.valid();
        if (walkingDown) walkDownFails = outcome.passed() ? -1 : walkDownFails + 1;
        if (outcome.passed()) {
            if (Double.isNaN(lo) || rate > lo) lo = rate;
            if (!Double.isNaN(hi) && rate >= hi) {
                lowestFailAbove(lo); // a retest passed: the fail was stale
                climbFrom = Double.isNaN(hi) ? rate : Double.NaN;
                climbSteps = 0;
            }
            return;
        }
        boolean atAnswer = rate == lo && isFull(outcome.trial());
        if (atAnswer) {
            // Near the knee a full-length trial fails now and then on noise alone (measured here: 875
            // req/s passed twice in 20 s and failed the third time). MLRsearch tolerates it with its
            // goal exceed ratio (draft-ietf-bmwg-mlrsearch, "Goal Exceed Ratio", 0.5 in its
            // examples): a load stays a lower bound while at most half of its full-length trials
            // failed. Past that the answer drops below it, and short trials are no longer trusted
            // near the boundary.
            // Once an answer's full-length trials have failed, the search walks down at full length,
            // and a full-length fail there is decisive, as a bisection's is. A short pass it reaches
            // then (in the walk or after it) is confirmed like any answer, but until a full-length
            // trial passed at it, its first full-length fail is decisive too: it is one more rate the short
            // trials passed above the full-length knee, not noise at a rate that holds. Measured
            // (2026-12-07, default): a host that slowed after its fast phase failed the repeats of
            // three such passes (866, 834, 802 req/s) after their confirmations had failed, and the
            // 20 trials ran out before the pass below (770) had a full-length trial.
            // (a trial the host limited says nothing of the service: it keeps the tolerance)
            boolean staleShortPass = outcome.valid() && fullLengthBisection && fullPassesAt(rate) == 0;
            if (!staleShortPass && fullFailsAt(rate) <= allowedFullFails()) return;
            fullLengthBisection = true;
            walkDownFails = 0;
            walkDownFrom = rate;
            lo = highestPassBelow(rate);
        }
        if (Double.isNaN(hi) || rate <= hi) {
            hi = rate;
            hiFromHost = !outcome.valid();
        }
    }

    /** The answer once {@link #next()} has returned empty. */
    public SearchResult result() {
        if (finished == null)
            throw new IllegalStateException("the search has not ended; call next() until it is empty");
        double fullFail = lowestFullFail();
        double answer = confirmedAnswer(fullFail);
        // below the highest pass (a budget cut the search short), the answer's bound is also the
        // lowest rate that failed at full length, when that lies below the search's own bracket
        double failing = hi;
        if (!Double.isNaN(lo) && answer != lo) {
            if (Double.isFinite(fullFail) && (Double.isNaN(failing) || fullFail < failing)) failing = fullFail;
        }
        List<Double> boundary = outcomes.stream()
                .filter(o -> o.trial().offeredRps() == answer && isFull(o.trial()) && o.passed())
                .map(TrialOutcome::throughputRps)
                .toList();
        double low = Double.NaN;
        if (boundary.size() >= 2) {
            low = Math.min(answer, meanMinusHalfWidth95(boundary));
        }
        return new SearchResult(finished, answer, failing, boundary, low, failing, outcomes, spentS);
    }

    /**
     * The answer: the highest pass, when a full-length trial measured it. A budget can end the search
     * before one does (measured in a randomized run of CapacitySearchTest: a retest passed and raised
     * the answer, then its confirmation failed and the lowered answer had no budget left). The answer
     * is then what the sizer reads off the same trials (sizing.SearchCapacity): the highest rate
     * whose full-length trials held, at most half of them failing, below every rate where more
     * failed; a short pass is not the answer while such a rate exists. Without one, the highest
     * pass, short (the sizer calls it unconfirmed), below any rate where more than half of the
     * full-length trials failed: the answer's own, when a host-limited repeat left its one failed
     * confirmation standing alone as the budget ran out (found by SearchAndSizerAgreeTest: the
     * search answered the failed rate, the sizer the short pass below it). No pass there: no answer.
     */
    private double confirmedAnswer(double fullFail) {
        if (Double.isNaN(lo) || fullPassesAt(lo) > 0) return lo;
        return outcomes.stream()
                .filter(o -> o.passed() && isFull(o.trial()))
                .mapToDouble(o -> o.trial().offeredRps())
                .filter(r -> r < lo && r < fullFail && holdsAtFullLength(r))
                .max()
                .orElseGet(() -> outcomes.stream()
                        .filter(TrialOutcome::passed)
                        .mapToDouble(o -> o.trial().offeredRps())
                        .filter(r -> r <= lo && r < fullFail)
                        .max()
                        .orElse(Double.NaN));
    }

    /** The lowest rate where more than half of the full-length trials failed; infinity when none. */
    private double lowestFullFail() {
        return outcomes.stream()
                .filter(o -> isFull(o.trial()) && !superseded.contains(o.trial().number()))
                .mapToDouble(o -> o.trial().offeredRps())
                .filter(r -> !holdsAtFullLength(r))
                .min()
                .orElse(Double.POSITIVE_INFINITY);
    }

    /** At most half of the full-length trials at {@code rate} failed (the goal exceed ratio, 0.5). */
    private boolean holdsAtFullLength(double rate) {
        return 2 * fullFailsAt(rate) <= fullPassesAt(rate) + fullFailsAt(rate);
    }

    private long fullPassesAt(double rate) {
        return outcomes.stream()
                .filter(o -> o.trial().offeredRps() == rate && isFull(o.trial()) && o.passed())
                .count();
    }

    public SearchSettings settings() {
        return settings;
    }

    private Proposal propose() {
        if (again != null) {
            Proposal p = new Proposal(again.phase(), again.offeredRps(), again.durationS());
            again = null;
            // The answer's own trials are made again within what the budget reserved for them; a
            // probe, bisection or retest only if it still leaves that reserve, or the search would
            // spend on it the trials that confirm the answer (it counts for nothing either way).
            // Before anything passed there is no answer to keep the reserve for.
            boolean answers = p.phase == SearchPhase.CONFIRM || p.phase == SearchPhase.REPEAT;
            if (answers || Double.isNaN(lo) || leavesRoomToConfirm(p)) return p;
            coarse = true;
        }
        if (outcomes.isEmpty()) return shortTrial(SearchPhase.PROBE, settings.startRps());
        if (Double.isNaN(lo)) {
            double down = hi / settings.growthFactor();
            if (down < settings.minRps() * (1 - 1e-9)) {
                finished = SearchStatus.FAILED_AT_FLOOR;
                return null;
            }
            return shortTrial(SearchPhase.PROBE, down);
        }
        boolean atCeiling = Double.isNaN(hi) && lo >= settings.maxRps();
        if (Double.isNaN(hi) && !atCeiling && !coarse) {
            Proposal up = shortTrial(SearchPhase.PROBE, Math.min(climb(), settings.maxRps()));
            if (leavesRoomToConfirm(up)) {
                if (!Double.isNaN(climbFrom)) climbSteps++;
                return up;
            }
            coarse = true;
        }
        boolean narrow = atCeiling || (hi - lo) / hi <= settings.precision() + 1e-12;
        if (!narrow && !coarse) {
            double mid = (lo + hi) / 2;
            Proposal bisect = fullLengthBisection
                    ? new Proposal(SearchPhase.BISECT, walkDownStep(mid), settings.fullTrialS())
                    : shortTrial(SearchPhase.BISECT, mid);
            if (leavesRoomToConfirm(bisect)) return bisect;
            coarse = true; // confirm what is bracketed now rather than end with an unconfirmed answer
        }
        long fullPasses = outcomes.stream()
                .filter(o -> o.trial().offeredRps() == lo && isFull(o.trial()) && o.passed())
                .count();
        long fullTrials = fullPasses + fullFailsAt(lo);
        if (fullPasses == 0 && fullTrials == 0) {
            // a stale fail is retested before the answer below it is confirmed, not after: a pass
            // moves the answer, and three full-length trials of the old one would be spent for nothing
            Proposal early = retestOfAStaleFail();
            if (early != null) return early;
            return new Proposal(SearchPhase.CONFIRM, lo, settings.fullTrialS());
        }
        if (fullTrials < 1 + settings.repeats()) return new Proposal(SearchPhase.REPEAT, lo, settings.fullTrialS());
        // a tolerated fail left one pass: one more full-length trial, so the interval has a spread
        // (two passes) or the answer drops (a second fail is more than half)
        if (fullPasses < 2 && fullTrials > fullPasses && fullTrials < 2 + settings.repeats())
            return new Proposal(SearchPhase.REPEAT, lo, settings.fullTrialS());
        Proposal retest = retestOfAStaleFail();
        if (retest != null) return retest;
        finished = atCeiling
                ? SearchStatus.CEILING_REACHED
                : hiFromHost ? SearchStatus.HOST_BOUND : coarse ? SearchStatus.BUDGET_EXHAUSTED : SearchStatus.FOUND;
        return null;
    }

    /**
     * The next full-length trial below an answer A whose full-length trials failed: {@code A (1 -
     * precision 2^k)} after k fails of the walk, but at least the bracket's midpoint; the midpoint
     * once a full-length trial of the walk passed. Short trials are optimistic near the knee by a
     * little (a queue that grows slowly shows in 15 s, not in 10): measured on 2-core hosts, the
     * answers confirmed after a failed confirmation lay 4-10 % below it (2026-12-04: 701 to 653,
     * 761 to 688; 2026-12-05: 717 to 687), while the highest pass below it, where a bisection
     * starts, lay a third below (478 under 717), so bisecting took three full-length trials to come
     * within 5 % (598, 657, 687). A first step of one precision that passes ends the narrowing at
     * once, the bracket then the precision wide; doubling the step reaches a knee far below in log2
     * steps, as the upward probe does (exponential search, then bisection: Bentley and Yao, "An
     * almost optimal algorithm for unbounded searching", 1976).
     */
    private double walkDownStep(double mid) {
        if (walkDownFails < 0) return mid;
        double step = walkDownFrom * (1 - growingStep(walkDownFails));
        return step < hi ? Math.max(mid, step) : mid; // below every fail, above every pass
    }

    /**
     * The next upward probe: {@code lo} times the growth factor; after a retest at R passed with
     * nothing failed above it, {@code R (1 + precision 2^k)} for the k-th probe since, at most the
     * growth factor. The retest passed at a rate a short trial had failed a precision above the
     * answer, so the knee is most likely near: measured on 2026-12-05 (default, half a CPU), a
     * retest passed at 918 req/s, doubling probed 1836 and five bisections came back down to 947:
     * six short trials where a first step of 5 % (964) brackets it within the precision. Steps of
     * 5, 10, 20 % bracket a knee within a fifth above in at most three, as the walk down does
     * below a failed answer.
     */
    private double climb() {
        double doubled = lo * settings.growthFactor();
        if (Double.isNaN(climbFrom)) return doubled;
        return Math.min(doubled, climbFrom * (1 + growingStep(climbSteps)));
    }

    /** The k-th step of a walk down or a climb, as a share of its rate: precision 2^k. */
    private double growingStep(int k) {
        return settings.precision() * Math.pow(2, k);
    }

    /**
     * Whether, after {@code p}, the budget still holds the full-length trials an answer needs (a
     * confirmation and the repeats). If {@code p} passes, its rate becomes the answer and needs all
     * of them; so the narrowing stops early, and the bracket reached so far is confirmed, rather
     * than the budget ending on an answer no full-length trial measured. MLRsearch budgets the
     * same way: its final trials at full duration come out of the search's time, not after it.
     */
    private boolean leavesRoomToConfirm(Proposal p) {
        int full = 1 + settings.repeats();
        boolean trialsLeft = outcomes.size() + 1 + full <= settings.maxTrials();
        boolean timeLeft = spentS + p.durationS + full * settings.fullTrialS() <= settings.maxSearchS() + 1e-9;
        return trialsLeft && timeLeft;
    }

    /**
     * A short trial at the lowest failing rate, when that rate failed only in short trials, each on
     * more CPU per request than the median of the answer's full-length passes by over {@link
     * #STALE_CPU_TOLERANCE} (of its short passes, before it is confirmed), was not retested yet,
     * and the budget still holds the answer's full-length trials after it; else null.
     */
    private Proposal retestOfAStaleFail() {
        if (Double.isNaN(hi) || hiFromHost || retested.contains(hi)) return null;
        boolean confirmed =
                outcomes.stream().anyMatch(o -> o.trial().offeredRps() == lo && isFull(o.trial()) && o.passed());
        double[] answer = outcomes.stream()
                .filter(o -> o.trial().offeredRps() == lo && isFull(o.trial()) == confirmed && o.passed())
                .mapToDouble(TrialOutcome::cpuMsPerRequest)
                .filter(Double::isFinite)
                .sorted()
                .toArray();
        if (answer.length == 0) return null;
        double median = answer.length % 2 == 1
                ? answer[answer.length / 2]
                : (answer[answer.length / 2 - 1] + answer[answer.length / 2]) / 2;
        List<TrialOutcome> fails = outcomes.stream()
                .filter(o -> o.trial().offeredRps() == hi && !o.passed())
                .filter(o -> !superseded.contains(o.trial().number()))
                .toList();
        boolean stale = !fails.isEmpty()
                && fails.stream()
                        .allMatch(o -> !isFull(o.trial())
                                && o.valid()
                                && o.cpuMsPerRequest() > median * (1 + STALE_CPU_TOLERANCE));
        if (!stale) return null;
        Proposal p = shortTrial(SearchPhase.RETEST, hi);
        if (!leavesRoomToConfirm(p)) return null;
        retested.add(hi);
        return p;
    }

    /** After a retest passed: the lowest rate above {@code rate} that failed, if any, bounds the search. */
    private void lowestFailAbove(double rate) {
        hi = Double.NaN;
        hiFromHost = false;
        for (TrialOutcome o : outcomes) {
            double r = o.trial().offeredRps();
            if (superseded.contains(o.trial().number())) continue;
            if (!o.passed() && r > rate && (Double.isNaN(hi) || r < hi)) {
                hi = r;
                hiFromHost = !o.valid();
            }
        }
    }

    private Proposal shortTrial(SearchPhase phase, double rps) {
        return new Proposal(phase, rps, settings.shortTrialS());
    }

    private boolean isFull(Trial t) {
        return t.durationS() >= settings.fullTrialS();
    }

    /** Full-length trials at {@code rate} that failed (a host-limited one made again counts for nothing). */
    private long fullFailsAt(double rate) {
        return outcomes.stream()
                .filter(o -> o.trial().offeredRps() == rate && isFull(o.trial()) && !o.passed())
                .filter(o -> !superseded.contains(o.trial().number()))
                .count();
    }

    /** Whether an invalid trial like {@code t} (same phase, rate and length) was already made again. */
    private boolean madeAgain(Trial t) {
        return outcomes.stream()
                .map(TrialOutcome::trial)
                .anyMatch(o -> superseded.contains(o.number())
                        && o.phase() == t.phase()
                        && o.offeredRps() == t.offeredRps()
                        && o.durationS() == t.durationS());
    }

    /** At most half of the 1 + repeats full-length trials at the answer may fail (goal exceed ratio 0.5). */
    private long allowedFullFails() {
        return (1 + settings.repeats()) / 2;
    }

    private double highestPassBelow(double rate) {
        return outcomes.stream()
                .filter(o -> o.passed() && o.trial().offeredRps() < rate)
                .mapToDouble(o -> o.trial().offeredRps())
                .max()
                .orElse(Double.NaN);
    }

    /** mean - t(0.975, n-1) s / sqrt(n): the lower end of the two-sided 95 % Student-t interval. */
    static double meanMinusHalfWidth95(List<Double> xs) {
        int n = xs.size();
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double s = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        return mean - t * s / Math.sqrt(n);
    }

    private record Proposal(SearchPhase phase, double rps, double durationS) {}
}
