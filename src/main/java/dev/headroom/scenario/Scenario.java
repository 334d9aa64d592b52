package dev.headroom.scenario;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A declarative workload, read from {@code scenarios/<name>.yaml}: what to send (the reference
 * service's endpoint mix, or the requests of the user's own service),
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
        List<OwnRequest> requests,
        LoadShape load,
        Slo slo,
        SeedSize seed,
        ServiceSettings service,
        double requestTimeoutS,
        String source,
        String sha256,
        Assertions assertions) {

    public Scenario {
        boolean mixed = !mix.isEmpty() && mix.values().stream().anyMatch(w -> w > 0);
        boolean own = !requests.isEmpty() && requests.stream().anyMatch(r -> r.weight() > 0);
        if (mixed == own) {
            throw new IllegalArgumentException("a scenario needs either a mix of the reference service's endpoints"
                    + " or requests of your own service, with at least one weight > 0; not both");
        }
        mix.forEach((e, w) -> Checks.nonNegative("mix." + e.key(), w));
        // An EnumMap, not Map.copyOf: iteration in Endpoint order, the same on every run and JVM.
        mix = mix.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(mix));
        requests = List.copyOf(requests);
        Checks.positive("requestTimeoutS", requestTimeoutS);
    }

    /** Whether the scenario loads the user's own service (requests:) rather than the reference service (mix:). */
    public boolean ownService() {
        return !requests.isEmpty();
    }

    /**
     * The names results are kept under, in a fixed order: a request's index in this list is how the
     * recorder files it. The reference service's endpoints are all listed, weighted or not.
     */
    public List<String> requestNames() {
        if (ownService()) return requests.stream().map(OwnRequest::name).toList();
        return Arrays.stream(Endpoint.values()).map(Endpoint::key).toList();
    }
}
