package dev.headroom.scenario;

/** Invariant checks for the scenario records; the loader reports user errors with file and line first. */
final class Checks {
    private Checks() {}

    static void positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
    }

    static void nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
    }

    static void ratio(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be within [0, 1], was " + value);
        }
    }
}
