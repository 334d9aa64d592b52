package dev.headroom.load.warmup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The warm-up detector's answer after a window.
 *
 * @param ended true once the warm-up is over, settled or not
 * @param criterion what ended it; null while it goes on
 * @param elapsedS warm-up seconds so far (run.json {@code warmup.duration_s} once ended)
 * @param detail the figures behind the decision, for the log and run.json
 */
public record WarmupVerdict(boolean ended, WarmupCriterion criterion, double elapsedS, String detail) {

    /** run.json's {@code warmup} object: how long it took, what ended it, and the thresholds it used. */
    public Map<String, Object> runJson(WarmupSettings settings) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("windows_per_block", settings.windowsPerBlock());
        s.put("tolerance", settings.tolerance());
        s.put("jit_share_max", settings.jitShareMax());
        s.put("max_s", settings.maxS());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duration_s", elapsedS);
        m.put("ended_by", criterion == null ? null : criterion.jsonName());
        m.put("settled", settled());
        m.put("detail", detail);
        m.put("settings", s);
        return m;
    }

    /** Ended because a criterion held, not because the maximum passed or the service fell behind. */
    public boolean settled() {
        return ended && criterion != WarmupCriterion.NEVER_SETTLED && criterion != WarmupCriterion.FELL_BEHIND;
    }
}
