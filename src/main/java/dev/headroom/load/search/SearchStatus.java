package dev.headroom.load.search;

/** How a search ended; every status but {@link #FOUND} is a finding the report states. */
public enum SearchStatus {
    /** A service failure above and a confirmed pass below, within the precision: the capacity at the SLO. */
    FOUND,
    /** The service passed at the search's maximum rate: the capacity is at least that (a lower bound). */
    CEILING_REACHED,
    /** The host or injector, not the service, stopped the search: the capacity is at least the answer. */
    HOST_BOUND,
    /** The service failed even at the minimum rate: no capacity at the SLO was found. */
    FAILED_AT_FLOOR,
    /**
     * The trial or time budget ran out before the bracket narrowed to the precision (or before the
     * probe found a failure): the narrowing stopped while the budget still held the answer's
     * confirmation and repeats, so the answer is the highest pass so far measured at full length,
     * with a wider bracket; a lower bound when no rate failed.
     */
    BUDGET_EXHAUSTED;

    /** The value of run.json's {@code search.status}: the name in lower case, e.g. {@code ceiling_reached}. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
