package dev.headroom.scenario;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * How the load is offered. Open: a fixed arrival rate per step, requests arriving whether or not
 * earlier ones are answered, as users of a public service do; closed: a fixed number of users, each
 * waiting for its answer before the next request. The load axis is req/s in the first, users in the
 * second. {@link #key()} is how scenario files, steps.csv, steps.json and run.json spell it.
 */
public enum LoadModel {
    OPEN("open", "req/s"),
    CLOSED("closed", "users");

    private final String key;
    private final String loadUnit;

    LoadModel(String key, String loadUnit) {
        this.key = key;
        this.loadUnit = loadUnit;
    }

    @JsonValue
    public String key() {
        return key;
    }

    /** The unit of the offered load: req/s (open) or users (closed). */
    public String loadUnit() {
        return loadUnit;
    }

    /** The model spelled {@code key}, or empty for anything else (an old or foreign record). */
    public static Optional<LoadModel> of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
