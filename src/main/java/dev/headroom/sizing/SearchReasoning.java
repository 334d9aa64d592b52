package dev.headroom.sizing;

import java.util.Locale;

/** The capacity decision's words for a search: what it rests on, and why it is a lower bound. */
final class SearchReasoning {
    private SearchReasoning() {}

    static String because(Capacity c, SearchCapacity s) {
        StringBuilder why = new StringBuilder();
        if (c.atSlo().isPresent()) {
            MeasuredStep at = c.atSlo().get();
            why.append(
                    s.confirmed()
                            ? String.format(
                                    Locale.ROOT,
                                    "The search's capacity is %.1f req/s offered: all %d full-length trials there"
                                            + " passed, and no full-length trial failed below it; the least they"
                                            + " carried was %.1f req/s (trial %d). ",
                                    s.capacityOfferedRps(),
                                    s.fullLengthTrials(),
                                    c.capacityAtSloRps(),
                                    at.step())
                            : String.format(
                                    Locale.ROOT,
                                    "No full-length trial passed: the highest short trial that passed below every"
                                            + " rate that stands failed (more than half of its trials failed, its"
                                            + " full-length ones deciding) offered %.1f req/s and carried %.1f req/s"
                                            + " (trial %d), unconfirmed. ",
                                    s.capacityOfferedRps(),
                                    c.capacityAtSloRps(),
                                    at.step()));
        }
        if (!Double.isNaN(s.lowestFailingRps()))
            why.append(String.format(
                    Locale.ROOT,
                    s.hostBound()
                            ? "Above it, the host limited the trials at %.1f req/s twice: the host, not the service,"
                                    + " bounds it. "
                            : "The lowest rate above it that failed is %.1f req/s. ",
                    s.lowestFailingRps()));
        if (!Double.isNaN(s.intervalLowRps()) && !Double.isNaN(s.intervalHighRps()))
            why.append(String.format(
                    Locale.ROOT,
                    "95 %% interval of the capacity: [%.1f, %.1f) req/s. ",
                    s.intervalLowRps(),
                    s.intervalHighRps()));
        return why.toString();
    }

    /** A lower bound is a finding, in the words of the staircase's: saturation not reached, and why. */
    static void findings(Capacity c, SearchCapacity s, SizingLog log) {
        if (c.atSlo().isEmpty() || !s.lowerBound()) return;
        String why = s.recordedEnd()
                .filter(e -> e != SearchEnd.FOUND)
                .map(SearchEnd::whyLowerBound)
                .orElse(
                        !s.confirmed()
                                ? "no full-length trial confirmed it"
                                : s.hostLimitedAbove() // hostBound: a limited trial above, too
                                        ? "the trials above it were invalid: the host, not the service, stopped"
                                                + " the search"
                                        : "no trial above it failed");
        log.find(Finding.warning(
                FindingCode.SATURATION_NOT_REACHED,
                String.format(
                        Locale.ROOT,
                        "the capacity search did not find the knee: %s; the capacity at the SLO (%.1f req/s) is a"
                                + " lower bound",
                        why,
                        c.capacityAtSloRps())));
    }
}
