package dev.headroom.load.warmup;

/**
 * The warm-up detector's answer after a window.
 *
 * @param ended true once the warm-up is over, settled or not
 * @param criterion what ended it; null while it goes on
 * @param elapsedS warm-up seconds so far (run.json {@code warmup.duration_s} once ended)
 * @param detail the figures behind the decision, for the log and run.json
 */
public record WarmupVerdict(boolean ended, WarmupCriterion criterion, double elapsedS, String detail) {

    /** Ended because a criterion held, not because the maximum passed. */
    public boolean settled() {
        return ended && criterion != WarmupCriterion.NEVER_SETTLED;
    }
}
