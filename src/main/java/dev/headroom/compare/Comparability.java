package dev.headroom.compare;

import dev.headroom.history.RunEnvironment;
import dev.headroom.history.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether two runs measured the same thing, so that a difference between them says something about
 * the build: the same scenario (by content, not only by name), CPU budget, database engine and major
 * version, pool and thread settings, and a host of the same kind and speed. Each difference that
 * makes them unlike is a reason; differences that do not (a dirty tree, a deliberately slower build,
 * another JVM patch release) are notes.
 *
 * @param reasons why the runs cannot be compared; empty when they can
 * @param notes what a reader should know about them anyway
 * @param hostSpeedRatio the candidate's calibration over the baseline's; NaN when either is missing
 * @param hostSpeedDiffers whether that ratio is beyond the calibration's noise at the confidence asked
 */
public record Comparability(List<String> reasons, List<String> notes, double hostSpeedRatio, boolean hostSpeedDiffers) {

    /** A host slower or faster than this (by calibration) is another kind of machine, not noise to adjust for. */
    public static final double MAX_HOST_SPEED_DIFFERENCE = 0.25;

    /** The calibration thread got less than this share of a CPU: something else was running. */
    public static final double BUSY_HOST_CPU_SHARE = 0.9;

    public Comparability {
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
    }

    public boolean comparable() {
        return reasons.isEmpty();
    }

    Comparability withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new Comparability(reasons, more, hostSpeedRatio, hostSpeedDiffers);
    }

    public static Comparability of(RunSummary base, RunSummary cand, Noise noise, double confidence) {
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        base.whyIncomplete().ifPresent(reasons::add);
        cand.whyIncomplete().ifPresent(reasons::add);
        RunEnvironment a = base.environment();
        RunEnvironment b = cand.environment();
        if (base.isSearch() != cand.isSearch())
            reasons.add(kind(base) + " and " + kind(cand) + ": a search's rows are trials at rates it chose, a"
                    + " staircase's steps at fixed loads, so neither their steps nor their capacities are measured"
                    + " alike; compare a search with a search (on its capacity at the SLO) and a staircase with a"
                    + " staircase");
        differ(reasons, "scenario", a.scenarioName(), b.scenarioName());
        if (a.scenarioName().equals(b.scenarioName()) && !a.scenarioSha256().equals(b.scenarioSha256()))
            reasons.add("the scenario file changed (sha256 " + abbrev(a.scenarioSha256()) + " → "
                    + abbrev(b.scenarioSha256()) + "): other steps or another mix are another test");
        if (!sameNumber(a.cpuBudgetCores(), b.cpuBudgetCores()))
            reasons.add("CPU budget " + cores(a.cpuBudgetCores()) + " → " + cores(b.cpuBudgetCores()));
        else differ(reasons, "CPU budget mechanism", a.cpuBudgetMechanism(), b.cpuBudgetMechanism());
        differ(reasons, "database", a.databaseSetting(), b.databaseSetting());
        differ(reasons, "database engine", a.databaseEngine(), b.databaseEngine());
        differ(reasons, "database major version", a.databaseMajorVersion(), b.databaseMajorVersion());
        if (a.referenceService() != b.referenceService()) reasons.add("target: " + target(a) + " → " + target(b));
        differ(reasons, "connection pool size", a.poolSize(), b.poolSize());
        differ(reasons, "Tomcat threads", a.tomcatThreads(), b.tomcatThreads());
        differ(reasons, "service heap", a.heap(), b.heap());
        differ(reasons, "host CPU count", a.hostCpuCount(), b.hostCpuCount());

        double ratio = a.calibration().measured() && b.calibration().measured()
                ? b.calibration().speed() / a.calibration().speed()
                : Double.NaN;
        boolean speedDiffers = false;
        if (Double.isNaN(ratio)) {
            notes.add("host speed not compared: the calibration was "
                    + a.calibration().status() + " in " + base.runId() + " and "
                    + b.calibration().status() + " in " + cand.runId());
            differ(reasons, "host CPU model", a.hostCpuModel(), b.hostCpuModel());
        } else {
            Optional<Noise.FigureNoise> calNoise = noise.of(Figure.CALIBRATION);
            double change = ratio - 1;
            double sure = calNoise.map(n -> Significance.confidence(change, n.cv(), n.runs()))
                    .orElse(Double.NaN);
            // without a measured noise, a 5 % move is taken as real: JMH's own error is about 1 %
            speedDiffers = Double.isNaN(sure) ? Math.abs(change) > 0.05 : sure >= confidence;
            String speed = String.format(
                    Locale.ROOT,
                    "host CPU speed (calibration) %.0f → %.0f ops per CPU second (%+.1f %%)",
                    a.calibration().speed(),
                    b.calibration().speed(),
                    change * 100);
            boolean sameCpu = a.hostCpuModel().equals(b.hostCpuModel()) && a.hostCpuCount() == b.hostCpuCount();
            if (sameCpu && Math.abs(change) > MAX_HOST_SPEED_DIFFERENCE) {
                // On one CPU model the calibration itself moved by 44 % between runs minutes apart
                // (a clean-clone CI run here: 28 905 and 41 652 ops per CPU second): that is the
                // benchmark's own noise, not another machine, and scaling by it would distort CPU per
                // request. A busy host is caught by the wall-time share instead (below); a smaller move on
                // one model is still judged against the calibration's noise and scaled for.
                notes.add(speed + " on the same CPU model and count: taken as the calibration's own variation,"
                        + " CPU per request not scaled");
                speedDiffers = false;
            } else if (Math.abs(change) > MAX_HOST_SPEED_DIFFERENCE)
                reasons.add(speed + ": the hosts differ by more than " + Math.round(MAX_HOST_SPEED_DIFFERENCE * 100)
                        + " % in speed");
            else if (!a.hostCpuModel().equals(b.hostCpuModel()) && speedDiffers)
                reasons.add("host CPU model " + a.hostCpuModel() + " → " + b.hostCpuModel() + ", and " + speed);
            else if (speedDiffers)
                notes.add(speed + (calNoise.isPresent() ? ", beyond its noise" : ", more than 5 %")
                        + ": the candidate's host was " + (change < 0 ? "slower" : "faster")
                        + "; CPU per request is compared after scaling by this ratio");
            else if (!a.hostCpuModel().equals(b.hostCpuModel()))
                notes.add("host CPU model " + a.hostCpuModel() + " → " + b.hostCpuModel() + ", at the same speed ("
                        + speed + ")");
        }
        // only for comparable runs: one scenario, one mix, so one database work a request
        if (reasons.isEmpty()) databaseYardstick(base, cand).ifPresent(notes::add);
        for (RunSummary r : List.of(base, cand)) {
            double share = r.environment().calibration().cpuShare();
            if (share < BUSY_HOST_CPU_SHARE)
                notes.add(String.format(
                        Locale.ROOT,
                        "the host of %s was busy: the calibration thread got %.0f %% of a CPU, so latency and"
                                + " validity may suffer there",
                        r.runId(),
                        share * 100));
        }
        if (a.gitDirty()) notes.add(base.runId() + " ran with uncommitted changes (git_dirty)");
        if (b.gitDirty()) notes.add(cand.runId() + " ran with uncommitted changes (git_dirty)");
        for (RunSummary r : List.of(base, cand)) {
            long us = r.environment().extraCpuUsPerOrder();
            if (us > 0)
                notes.add(r.runId() + " is a deliberately slower build: the reference service burned " + us
                        + " µs of extra CPU per order (-Dheadroom.service.extra-cpu-us-per-order)");
        }
        if (!a.serviceJava().equals(b.serviceJava()))
            notes.add("service JVM " + a.serviceJava() + " → " + b.serviceJava());
        if (a.gitCommit().equals(b.gitCommit()) && !a.gitDirty() && !b.gitDirty())
            notes.add("both runs are of commit " + a.shortCommit());
        return new Comparability(reasons, notes, ratio, speedDiffers);
    }

    /** The service's CPU per request must move by at least this much for the yardstick's note. */
    static final double YARDSTICK_MIN_MOVE = 0.05;

    /**
     * The lab's database as a yardstick of the host's speed, said beside a moved CPU per request:
     * in two comparable runs (one scenario, one mix) the database does the same work a request, so
     * a host that got slower or faster moves its CPU per request by the same factor as the
     * service's, and their ratio holds. Measured on this host (2-core AMD EPYC, 2026-12-07): over
     * three default runs of one commit the service's CPU per request moved from -7 % to +17 % of its
     * median and the database's with it, while the service's CPU per database CPU stayed within
     * 1.28-1.32; a staircase run read 64 % more service CPU and 61 % more database CPU per request
     * at 800 req/s than one ten minutes later (that one warmed up the old, timed way; both were
     * past their JIT at that step), at ratios of 1.32 and 1.29 (docs/search.md, "the database as the
     * host's yardstick"). Said only of comparable runs. A note only, never an adjustment: a
     * build that makes the database dearer (a lost index) moves the ratio the other way, and a
     * figure adjusted by the database would hide it.
     */
    static Optional<String> databaseYardstick(RunSummary base, RunSummary cand) {
        double s0 = Figure.CPU_PER_REQUEST.of(base);
        double s1 = Figure.CPU_PER_REQUEST.of(cand);
        double d0 = Figure.DB_CPU_PER_REQUEST.of(base);
        double d1 = Figure.DB_CPU_PER_REQUEST.of(cand);
        if (!(s0 > 0 && s1 > 0 && d0 > 0 && d1 > 0)) return Optional.empty();
        double service = s1 / s0 - 1;
        if (Math.abs(service) < YARDSTICK_MIN_MOVE) return Optional.empty();
        double database = d1 / d0 - 1;
        double r0 = Figure.CPU_PER_DB_CPU.of(base);
        double r1 = Figure.CPU_PER_DB_CPU.of(cand);
        return Optional.of(String.format(
                Locale.ROOT,
                "service CPU per request %.3f → %.3f ms (%+.1f %%), database CPU per request %.3f → %.3f ms"
                        + " (%+.1f %%): the service's CPU per database CPU %.2f → %.2f (%+.1f %%). The database"
                        + " does the same work a request in both runs, so a host that got %s moves both by"
                        + " one factor and leaves their ratio; a change of the ratio is the service's (or the"
                        + " database's) own",
                s0,
                s1,
                service * 100,
                d0,
                d1,
                database * 100,
                r0,
                r1,
                (r1 / r0 - 1) * 100,
                service > 0 ? "slower" : "faster"));
    }

    private static String kind(RunSummary r) {
        return r.runId() + " is " + (r.isSearch() ? "a capacity search" : "a staircase");
    }

    private static void differ(List<String> reasons, String what, Object a, Object b) {
        if (!Objects.equals(a, b)) reasons.add(what + " " + a + " → " + b);
    }

    private static boolean sameNumber(double a, double b) {
        return (Double.isNaN(a) && Double.isNaN(b)) || Math.abs(a - b) < 1e-9;
    }

    private static String cores(double c) {
        return Double.isNaN(c) ? "none" : String.format(Locale.ROOT, "%s cores", trim(c));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String target(RunEnvironment e) {
        return e.referenceService() ? "the reference service" : "your own service";
    }

    private static String abbrev(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
