package dev.headroom.sizing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One choice the sizer made, with its reasoning: the inputs it used, the formula (with its source)
 * and the result. A decision whose inputs were not measured is {@link #notEvaluated}, with the
 * reason, rather than filled with a guess.
 */
public record Decision(
        String name,
        boolean evaluated,
        Map<String, Object> inputs,
        String formula,
        Map<String, Object> result,
        String reasoning) {

    public Decision {
        Objects.requireNonNull(name, "name");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        result = Collections.unmodifiableMap(new LinkedHashMap<>(result));
        formula = formula == null ? "" : formula;
        reasoning = reasoning == null ? "" : reasoning;
    }

    public static Decision notEvaluated(String name, String why) {
        return new Decision(name, false, Map.of(), "", Map.of(), why);
    }

    /** Builds a decision in reading order: inputs, formula, result, reasoning. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private final Map<String, Object> inputs = new LinkedHashMap<>();
        private final Map<String, Object> result = new LinkedHashMap<>();
        private String formula = "";

        private Builder(String name) {
            this.name = name;
        }

        public Builder input(String key, Object value) {
            inputs.put(key, value);
            return this;
        }

        public Builder formula(String formula) {
            this.formula = formula;
            return this;
        }

        public Builder result(String key, Object value) {
            result.put(key, value);
            return this;
        }

        public Decision because(String reasoning) {
            return new Decision(name, true, inputs, formula, result, reasoning);
        }
    }
}
