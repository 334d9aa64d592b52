package dev.headroom.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One endpoint of the user's own service, as a scenario's {@code requests:} lists it.
 *
 * @param name a key in the results (steps.json by_endpoint), unique within the scenario
 * @param weight relative share of the requests sent
 * @param path appended to the target's base URL; always starts with {@code /}, so no request can
 *     leave the host the user named
 * @param expectStatus the statuses that count as success; empty means any 2xx
 */
public record OwnRequest(
        String name,
        int weight,
        String method,
        RequestTemplate path,
        Map<String, String> headers,
        Optional<RequestTemplate> body,
        List<Integer> expectStatus) {

    public OwnRequest {
        Checks.nonNegative("requests." + name + ".weight", weight);
        if (!path.text().startsWith("/")) {
            throw new IllegalArgumentException("requests." + name + ".path must start with /, was " + path);
        }
        headers = Map.copyOf(headers);
        expectStatus = List.copyOf(expectStatus);
    }

    /** Whether a status counts as success. */
    public boolean succeeds(int status) {
        return expectStatus.isEmpty() ? status >= 200 && status <= 299 : expectStatus.contains(status);
    }
}
