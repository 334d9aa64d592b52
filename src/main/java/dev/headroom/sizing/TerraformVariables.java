package dev.headroom.sizing;

import java.util.Map;

/** STUB, replaced by the `iac` branch. */
public final class TerraformVariables {
    private TerraformVariables() {}

    public static Map<String, Object> of(Plan plan, SizingRequest request) {
        return Map.of();
    }
}
