package dev.headroom.sizing;

/**
 * What a row of steps.csv was run for, as far as the sizer cares: a step of a fixed staircase, or
 * a trial of a capacity search, short (it brackets the capacity) or full-length (it confirms it).
 * The sizer reads a staircase's capacity off its best step; a search's only off its full-length
 * trials, because a short trial near the boundary can pass where a longer one builds a queue
 * (docs/search.md, "confirm"). The input reader owns the mapping from steps.csv's {@code phase}.
 */
public enum StepRole {
    /** A step of a staircase: its load was fixed before the run, and the steps climb in run order. */
    STAIRCASE,
    /** A short search trial (a probe, or a bisection at short length): it brackets, it does not confirm. */
    SHORT_TRIAL,
    /** A full-length search trial (confirm, repeat, or a bisection at full length): what a capacity rests on. */
    FULL_TRIAL;

    /** A trial of a capacity search, whose rows are in trial order, not load order. */
    public boolean searchTrial() {
        return this != STAIRCASE;
    }

    /** Whether any of {@code steps} is a search trial: then the run was a search, and its rows are unordered. */
    public static boolean anySearchTrial(java.util.Collection<MeasuredStep> steps) {
        return steps.stream().anyMatch(s -> s.role().searchTrial());
    }
}
