package dev.headroom.sizing;

import java.util.Locale;
import java.util.Optional;

/**
 * How a run's capacity search ended, as run.json's {@code search.status} records it. The search
 * (load.search.SearchStatus) owns the names; the model, which depends on nothing, spells them here
 * and a test holds the two lists equal.
 */
public enum SearchEnd {
    /** A failure above, full-length passes below, within the precision: the capacity at the SLO. */
    FOUND,
    /** The service passed at the search's maximum rate: its capacity is at least that. */
    CEILING_REACHED,
    /** The host or the injector, not the service, stopped the search. */
    HOST_BOUND,
    /** The service failed even at the search's minimum rate. */
    FAILED_AT_FLOOR,
    /** The trial or time budget ran out before the search finished. */
    BUDGET_EXHAUSTED;

    /** run.json's spelling: {@code ceiling_reached}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status as run.json spells it; empty for any other word. */
    public static Optional<SearchEnd> fromJson(String status) {
        for (SearchEnd e : values()) if (e.jsonName().equals(status)) return Optional.of(e);
        return Optional.empty();
    }

    /** Why a capacity that ended so is a lower bound, for a finding; empty for {@link #FOUND}. */
    public String whyLowerBound() {
        return switch (this) {
            case FOUND -> "";
            case CEILING_REACHED -> "the search passed at its highest rate (ceiling_reached): the service can carry"
                    + " more; raise the search's max_rps to find the knee";
            case HOST_BOUND -> "the host, not the service, stopped the search (host_bound): the load generator or"
                    + " the machine could not drive more; a larger host, or a smaller CPU budget for the service,"
                    + " finds the service's own knee";
            case FAILED_AT_FLOOR -> "the service failed even at the search's lowest rate (failed_at_floor)";
            case BUDGET_EXHAUSTED -> "the search ran out of trials or time before its bracket narrowed to its"
                    + " precision (budget_exhausted): the answer is the highest rate that held, wider than asked;"
                    + " raise max_trials or max_search_s";
        };
    }
}
