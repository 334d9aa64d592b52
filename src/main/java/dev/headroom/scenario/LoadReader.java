package dev.headroom.scenario;

import dev.headroom.yaml.YamlSection;
import dev.headroom.yaml.YamlSection.NumberRange;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code load:} section: the model first, then that model's fields. A field of the other
 * model is refused with the name this model uses instead, so a half-converted file cannot pass.
 */
final class LoadReader {
    static final int MAX_RPS = 20_000;
    static final int MAX_USERS = 5_000;
    static final int MAX_STEPS = 200;
    static final int MAX_DURATION_S = 3_600;
    static final int MAX_THINK_TIME_MS = 600_000;

    private static final NumberRange RATE = NumberRange.above(0).upTo(MAX_RPS);
    private static final NumberRange RATE_STEP = NumberRange.from(0).upTo(MAX_RPS);

    private LoadReader() {}

    /** The load shape, or {@code null} when a problem was found (it is in the section's problems). */
    static LoadShape read(YamlSection load) {
        String model = load.text("model", "open, closed or search", null);
        LoadShape shape;
        Optional<LoadModel> known = LoadModel.of(model);
        if (SEARCH.equals(model)) {
            shape = readSearch(load);
        } else if (known.equals(Optional.of(LoadModel.OPEN))) {
            shape = readOpen(load);
        } else if (known.equals(Optional.of(LoadModel.CLOSED))) {
            shape = readClosed(load);
        } else {
            if (model != null) load.problemAt("model", "must be open, closed or search, was " + model);
            readCommonOnly(load);
            shape = null;
        }
        load.finish();
        return shape;
    }

    /** {@code model: search}: an open-model capacity search (docs/search.md), not a staircase. */
    static final String SEARCH = "search";

    /**
     * The search's fields, each with the default docs/search.md explains: a warm-up of at most
     * 200 req/s in 15 s windows for at most 240 s, trials from the warm-up's rate doubling up to 5000 req/s, 5 %
     * precision, 10 s short and 30 s full trials, 2 repeats, at most 20 trials and 600 s of trials.
     */
    private static SearchLoad readSearch(YamlSection load) {
        Double warmupRps = load.number("warmup_rps", RATE, SearchLoad.DEFAULT_WARMUP_RPS);
        Integer warmupWindowS = load.wholeNumber("warmup_window_s", 5, 60, SettledWarmup.DEFAULT_WINDOW_S);
        Integer warmupMaxS = load.wholeNumber("warmup_max_s", 10, MAX_DURATION_S, SettledWarmup.DEFAULT_MAX_S);
        // absent: the rate the warm-up ended at (NaN here), known only during the run
        Double startRps = load.has("start_rps") ? load.number("start_rps", RATE) : Double.valueOf(Double.NaN);
        Double maxRps = load.number("max_rps", RATE, SearchLoad.DEFAULT_MAX_RPS);
        Double precision = load.number("precision", NumberRange.above(0).upTo(0.5), SearchLoad.DEFAULT_PRECISION);
        Integer shortS = load.wholeNumber("short_trial_s", 2, MAX_DURATION_S, SearchLoad.DEFAULT_SHORT_TRIAL_S);
        Integer fullS = load.wholeNumber("full_trial_s", 2, MAX_DURATION_S, SearchLoad.DEFAULT_FULL_TRIAL_S);
        Integer repeats = load.wholeNumber("repeats", 0, 10, SearchLoad.DEFAULT_REPEATS);
        Integer maxTrials = load.wholeNumber("max_trials", 1, MAX_STEPS, SearchLoad.DEFAULT_MAX_TRIALS);
        Integer maxSearchS = load.wholeNumber("max_search_s", 10, MAX_DURATION_S, SearchLoad.DEFAULT_MAX_SEARCH_S);
        Integer rampS = load.wholeNumber("ramp_s", 0, 60, SearchLoad.DEFAULT_RAMP_S);
        String warmup = load.text("warmup", SETTLED, SETTLED);
        if (warmup != null && !SETTLED.equals(warmup))
            load.problemAt("warmup", "a search always warms up until the service is steady: settled, was " + warmup);
        String staircase = "only for a staircase (model: open or closed); model: search chooses its own rates";
        for (String f : List.of("warmup_s", "step_rps", "steps", "step_duration_s")) load.reject(f, staircase);
        for (String f : List.of("warmup_users", "start_users", "step_users", "think_time_ms"))
            load.reject(f, "only for model: closed; a search offers arrival rates (req/s)");
        if (warmupRps == null
                || warmupWindowS == null
                || warmupMaxS == null
                || startRps == null
                || maxRps == null
                || precision == null
                || shortS == null
                || fullS == null
                || repeats == null
                || maxTrials == null
                || maxSearchS == null
                || rampS == null) return null;
        if (warmupRps > maxRps) {
            load.problemAt("warmup_rps", "must be at most max_rps (" + NumberRange.plain(maxRps) + ")");
            return null;
        }
        if (startRps != null && startRps > maxRps) {
            load.problemAt("start_rps", "must be at most max_rps (" + NumberRange.plain(maxRps) + ")");
            return null;
        }
        if (shortS > fullS) {
            load.problemAt("short_trial_s", "must be at most full_trial_s (" + fullS + ")");
            return null;
        }
        return new SearchLoad(
                warmupRps,
                warmupWindowS,
                warmupMaxS,
                startRps,
                maxRps,
                precision,
                shortS,
                fullS,
                repeats,
                maxTrials,
                maxSearchS,
                rampS);
    }

    /** {@code warmup:} until the service is steady (docs/search.md, "Settled warm-up"). */
    static final String SETTLED = "settled";

    /** {@code warmup:} a fixed time ({@code warmup_s}), Gatling's injection profile; the default. */
    static final String TIMED = "timed";

    private static OpenLoad readOpen(YamlSection load) {
        String warmup = load.text("warmup", TIMED + " or " + SETTLED, TIMED);
        if (warmup != null && !TIMED.equals(warmup) && !SETTLED.equals(warmup)) {
            load.problemAt("warmup", "must be " + TIMED + " or " + SETTLED + ", was " + warmup);
            warmup = null;
        }
        boolean settled = SETTLED.equals(warmup);
        Integer warmupS = null;
        Integer warmupWindowS = null;
        Integer warmupMaxS = null;
        if (warmup == null) {
            // which warm-up is not known: its fields are let pass unread, the one problem is warmup's
            for (String f : List.of("warmup_s", "warmup_window_s", "warmup_max_s")) load.ignore(f);
        } else if (settled) {
            load.reject("warmup_s", "a settled warm-up ends when the service is steady; warmup_max_s bounds it");
            // the search's defaults (SettledWarmup): 15 s windows, at most 240 s
            warmupWindowS = load.wholeNumber("warmup_window_s", 5, 60, SettledWarmup.DEFAULT_WINDOW_S);
            warmupMaxS = load.wholeNumber("warmup_max_s", 10, MAX_DURATION_S, SettledWarmup.DEFAULT_MAX_S);
        } else {
            warmupS = load.wholeNumber("warmup_s", 0, MAX_DURATION_S);
            String timed = "only with warmup: settled; a timed warm-up takes warmup_s";
            load.reject("warmup_window_s", timed);
            load.reject("warmup_max_s", timed);
        }
        Double warmupRps = load.number("warmup_rps", RATE);
        Double startRps = load.number("start_rps", RATE);
        Double stepRps = load.number("step_rps", RATE_STEP);
        Stairs stairs = Stairs.read(load);
        load.reject("warmup_users", "only for model: closed; model: open takes warmup_rps");
        load.reject("start_users", "only for model: closed; model: open takes start_rps");
        load.reject("step_users", "only for model: closed; model: open takes step_rps");
        load.reject(
                "think_time_ms",
                "only for model: closed; in model: open arrivals do not wait for answers, so nobody thinks");
        if (warmup == null
                || startRps == null
                || stepRps == null
                || (settled ? warmupWindowS == null || warmupMaxS == null : warmupS == null)
                || warmupRps == null
                || !stairs.complete()) {
            return null;
        }
        double peakRps = startRps + (stairs.steps - 1) * stepRps;
        if (peakRps > MAX_RPS) {
            load.problemAt(
                    "step_rps",
                    "the last step (" + stairs.steps + ") would offer " + NumberRange.plain(peakRps)
                            + " rps, more than " + MAX_RPS + "; lower start_rps, step_rps or steps");
            return null;
        }
        if (settled)
            return OpenLoad.settled(
                    new SettledWarmup(warmupRps, warmupWindowS, warmupMaxS),
                    startRps,
                    stepRps,
                    stairs.steps,
                    stairs.stepDurationS,
                    stairs.rampS);
        return new OpenLoad(warmupRps, warmupS, startRps, stepRps, stairs.steps, stairs.stepDurationS, stairs.rampS);
    }

    private static ClosedLoad readClosed(YamlSection load) {
        Integer warmupS = load.wholeNumber("warmup_s", 0, MAX_DURATION_S);
        Integer warmupUsers = load.wholeNumber("warmup_users", 1, MAX_USERS);
        Integer startUsers = load.wholeNumber("start_users", 1, MAX_USERS);
        Integer stepUsers = load.wholeNumber("step_users", 0, MAX_USERS);
        Stairs stairs = Stairs.read(load);
        Integer thinkTimeMs = load.wholeNumber("think_time_ms", 0, MAX_THINK_TIME_MS, 0);
        String warmup = load.text("warmup", TIMED, TIMED);
        if (warmup != null && !TIMED.equals(warmup))
            load.problemAt(
                    "warmup",
                    "must be " + TIMED + ", was " + warmup + ": a closed staircase's warm-up is timed (warmup_s),"
                            + " since its users are not paced by an arrival schedule (settled is for model: open"
                            + " or search)");
        for (String f : List.of("warmup_window_s", "warmup_max_s"))
            load.reject(f, "only for model: search, or model: open with warmup: settled");
        load.reject("warmup_rps", "only for model: open; model: closed takes warmup_users");
        load.reject("start_rps", "only for model: open; model: closed takes start_users");
        load.reject("step_rps", "only for model: open; model: closed takes step_users");
        if (warmupS == null
                || warmupUsers == null
                || startUsers == null
                || stepUsers == null
                || thinkTimeMs == null
                || !stairs.complete()) {
            return null;
        }
        long peakUsers = startUsers + (long) (stairs.steps - 1) * stepUsers;
        if (peakUsers > MAX_USERS) {
            load.problemAt(
                    "step_users",
                    "the last step (" + stairs.steps + ") would have " + peakUsers + " users, more than " + MAX_USERS
                            + "; lower start_users, step_users or steps");
            return null;
        }
        return new ClosedLoad(
                warmupUsers,
                warmupS,
                startUsers,
                stepUsers,
                stairs.steps,
                stairs.stepDurationS,
                stairs.rampS,
                thinkTimeMs / 1000.0);
    }

    /** Without a known model only the shared fields can be checked; the others are let pass unread. */
    private static void readCommonOnly(YamlSection load) {
        load.wholeNumber("warmup_s", 0, MAX_DURATION_S);
        for (String modelField : List.of(
                "warmup",
                "warmup_window_s",
                "warmup_max_s",
                "warmup_rps",
                "start_rps",
                "step_rps",
                "warmup_users",
                "start_users",
                "step_users",
                "think_time_ms")) {
            load.ignore(modelField);
        }
        Stairs.read(load);
    }

    /**
     * The fields both models share. Durations are whole seconds: Gatling reports per second, so
     * steady windows on whole seconds fall on its buckets.
     */
    private record Stairs(Integer steps, Integer stepDurationS, Integer rampS) {
        static Stairs read(YamlSection load) {
            return new Stairs(
                    load.wholeNumber("steps", 1, MAX_STEPS),
                    load.wholeNumber("step_duration_s", 1, MAX_DURATION_S),
                    load.wholeNumber("ramp_s", 0, MAX_DURATION_S));
        }

        boolean complete() {
            return steps != null && stepDurationS != null && rampS != null;
        }
    }
}
