package dev.headroom.metrics;

/**
 * Whether a step measured the service and not Headroom's own injector. An invalid step stays in
 * the results, marked, and is never used for sizing.
 */
public record Validity(boolean valid, String reason) {
    public static final Validity VALID = new Validity(true, "");

    public static Validity invalid(String reason) {
        return new Validity(false, reason);
    }
}
