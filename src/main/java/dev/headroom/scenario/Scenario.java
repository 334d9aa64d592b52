package dev.headroom.scenario;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A declarative workload, read from {@code scenarios/<name>.yaml}: what to send (the endpoint mix),
 * how much (the load shape), what counts as good (the SLO), and the lab's data and service settings.
 *
 * @param source the file it was read from, as given
 * @param sha256 hash of the file's bytes, recorded with every result so runs can be matched
 * @param assertions limits the measured steps must keep, or the run fails; {@link Assertions#none()}
 */
public record Scenario(
        String name,
        String description,
        Map<Endpoint, Integer> mix,
        LoadShape load,
        Slo slo,
        SeedSize seed,
        ServiceSettings service,
        double requestTimeoutS,
        String source,
        String sha256,
        Assertions assertions) {

    public Scenario {
        if (mix.isEmpty() || mix.values().stream().allMatch(w -> w == 0)) {
            throw new IllegalArgumentException("mix needs at least one endpoint with a weight > 0");
        }
        mix.forEach((e, w) -> Checks.nonNegative("mix." + e.key(), w));
        // An EnumMap, not Map.copyOf: iteration in Endpoint order, the same on every run and JVM.
        mix = Collections.unmodifiableMap(new EnumMap<>(mix));
        Checks.positive("requestTimeoutS", requestTimeoutS);
    }

    public int totalWeight() {
        return mix.values().stream().mapToInt(Integer::intValue).sum();
    }
}
