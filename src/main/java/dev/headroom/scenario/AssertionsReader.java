package dev.headroom.scenario;

import dev.headroom.yaml.YamlSection;
import dev.headroom.yaml.YamlSection.NumberRange;

/** Reads a scenario's optional {@code assertions:} section; every field optional, at least one if present. */
final class AssertionsReader {
    static final String FIELDS =
            "reference_load, max_p95_ms, max_p99_ms, max_error_ratio, min_capacity_at_slo_rps, max_cpu_ms_per_request";

    private AssertionsReader() {}

    static Assertions read(YamlSection a) {
        Double reference = a.number("reference_load", NumberRange.above(0), Double.NaN);
        Double p95 = a.number("max_p95_ms", NumberRange.above(0), Double.NaN);
        Double p99 = a.number("max_p99_ms", NumberRange.above(0), Double.NaN);
        Double errors = a.number("max_error_ratio", NumberRange.from(0).upTo(1), Double.NaN);
        Double capacity = a.number("min_capacity_at_slo_rps", NumberRange.above(0), Double.NaN);
        Double cpu = a.number("max_cpu_ms_per_request", NumberRange.above(0), Double.NaN);
        a.finish();
        if (reference == null || p95 == null || p99 == null || errors == null || capacity == null || cpu == null)
            return null;
        Assertions out = new Assertions(reference, p95, p99, errors, capacity, cpu);
        if (a.readable() && !a.keys().isEmpty() && !out.any())
            a.problemHere("names no limit; give at least one of " + FIELDS);
        return out;
    }
}
