package dev.headroom.lab;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the per-step Micrometer figures of the service come from ({@code -Dheadroom.prometheus}):
 * a Prometheus server Headroom starts itself, one the user runs, or Headroom's own scrape of the
 * actuator. The /proc figures (memory, database, host, injector) always come from Headroom's own
 * sampler: Prometheus does not have them.
 */
public sealed interface PrometheusSetting {
    String KEY = "headroom.prometheus";
    String SELECTOR_KEY = "headroom.prometheus.selector";

    /** The compose file's job name (docker/prometheus/prometheus.yml), and the job a started Prometheus uses. */
    String DEFAULT_SELECTOR = "job=\"service\"";

    /** Start the {@code prometheus} on the PATH if there is one, else sample the actuator directly (the default). */
    record Auto() implements PrometheusSetting {}

    /** Start the {@code prometheus} on the PATH; refuse to run without one. */
    record Start() implements PrometheusSetting {}

    /** Sample the actuator directly, as before Prometheus was a source. */
    record Off() implements PrometheusSetting {}

    /**
     * A Prometheus the user runs (the compose one, say). {@code selector} holds the label matchers,
     * without braces, that pick the service's series out of everything that server scrapes.
     */
    record Existing(URI url, String selector) implements PrometheusSetting {}

    String ACCEPTED = "accepted: auto (the default: start the prometheus on the PATH if there is one, else"
            + " sample the actuator directly), start, off, or the http:// or https:// URL of a running"
            + " Prometheus such as http://127.0.0.1:9090";

    /** One matcher: a label name, an operator, a double-quoted value (PromQL string escapes allowed). */
    Pattern MATCHER = Pattern.compile("\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*");

    /**
     * Reads both keys. {@code nothingToScrape} is true when the run has no metrics endpoint a
     * started Prometheus could scrape (a user's service without {@code headroom.target.metrics}).
     */
    static PrometheusSetting from(Properties props, boolean nothingToScrape, List<String> problems) {
        String value = props.getProperty(KEY, "auto").strip();
        String selector = props.getProperty(SELECTOR_KEY);
        PrometheusSetting setting = parse(value, problems);
        if (selector != null && !(setting instanceof Existing)) {
            problems.add("-D" + SELECTOR_KEY + " applies only to a Prometheus you run: set -D" + KEY
                    + " to its URL too (a Prometheus Headroom starts scrapes only your target, as job \"service\")");
        }
        if (setting instanceof Existing e && selector != null) {
            String matchers = selector(selector, problems);
            setting = new Existing(e.url(), matchers == null ? DEFAULT_SELECTOR : matchers);
        }
        if (setting instanceof Start && nothingToScrape) {
            problems.add("-D" + KEY + "=start needs a metrics endpoint to scrape: set -Dheadroom.target.metrics"
                    + " to your service's Prometheus endpoint");
        }
        return setting;
    }

    private static PrometheusSetting parse(String value, List<String> problems) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "auto":
                return new Auto();
            case "start":
                return new Start();
            case "off":
                return new Off();
            default:
                break;
        }
        URI url = null;
        try {
            url = URI.create(value);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (url == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null
                || url.getQuery() != null
                || url.getFragment() != null) {
            problems.add("-D" + KEY + "=" + value + ": " + ACCEPTED);
            return new Off();
        }
        // the API lives under the server's base path: drop a trailing slash so paths can be appended
        return new Existing(URI.create(value.replaceAll("/+$", "")), DEFAULT_SELECTOR);
    }

    /** The matchers without braces, or null (and a problem) when they are not PromQL label matchers. */
    static String selector(String value, List<String> problems) {
        String inner = value.strip();
        if (inner.startsWith("{") && inner.endsWith("}")) inner = inner.substring(1, inner.length() - 1);
        inner = inner.strip();
        // split on commas outside quoted values
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quoted && c == '\\' && i + 1 < inner.length()) {
                part.append(c).append(inner.charAt(++i));
                continue;
            }
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        if (inner.isEmpty() || !parts.stream().allMatch(p -> MATCHER.matcher(p).matches())) {
            problems.add("-D" + SELECTOR_KEY + "=" + value + ": accepted: PromQL label matchers that pick your"
                    + " service's series, such as job=\"service\" or job=\"service\",instance=~\".*:8081\"");
            return null;
        }
        return String.join(",", parts.stream().map(String::strip).toList());
    }

    /**
     * Whether Headroom starts a Prometheus of its own for this setting (auto and start; auto falls
     * back to direct sampling when none can be started): the one answer both the early launch beside
     * the service and the opening of the source go by.
     */
    default boolean startsOwnPrometheus() {
        return this instanceof Auto || this instanceof Start;
    }

    /** How the setting is written in run.json. */
    default String describe() {
        if (this instanceof Existing e) return e.url().toString();
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
