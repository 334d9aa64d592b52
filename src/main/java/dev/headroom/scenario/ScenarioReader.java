package dev.headroom.scenario;

import dev.headroom.yaml.Problems;
import dev.headroom.yaml.YamlSection;
import dev.headroom.yaml.YamlSection.NumberRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns a composed YAML document into a {@link Scenario}, reading every section even after a
 * problem so that all of them are reported at once. Defaults live here, next to their field names.
 */
final class ScenarioReader {
    static final int MAX_WEIGHT = 1_000_000;
    static final String ENDPOINT_KEYS =
            Arrays.stream(Endpoint.values()).map(Endpoint::key).collect(Collectors.joining(", "));

    static final SeedSize DEFAULT_SEED = new SeedSize(50, 30, 20_000);
    static final ServiceSettings DEFAULT_SERVICE = new ServiceSettings(OptionalDouble.empty(), 10, 200, "512m");
    static final int DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

    private static final Pattern REQUEST_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** A JVM heap size as -Xmx takes it, always with its unit so that 512 cannot mean bytes. */
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]{0,6}[kKmMgG]");

    private ScenarioReader() {}

    /**
     * @param expectedName the file name without its extension, which the {@code name} field must equal
     * @return the scenario, or {@code null} when problems were found (they are in {@code problems})
     */
    static Scenario read(Node document, String expectedName, String source, String sha256, Problems problems) {
        if (!(document instanceof MappingNode mapping)) {
            problems.add(
                    YamlSection.lineOf(document),
                    "",
                    "a scenario must be a mapping of fields (name: ..., load: ...), was "
                            + YamlSection.shown(document));
            return null;
        }
        YamlSection top = YamlSection.root(problems, mapping);
        String name = top.text("name", "the file name without .yaml (" + expectedName + ")", null);
        if (name != null && !name.equals(expectedName)) {
            top.problemAt("name", "must equal the file name without .yaml (" + expectedName + "), was " + name);
        }
        String description = top.text("description", "text saying what the scenario is for", null);
        // mix: weights of the reference service's endpoints; requests: the user's own service's
        boolean own = top.keys().contains("requests");
        Map<Endpoint, Integer> mix = Map.of();
        List<OwnRequest> requests = List.of();
        if (own) {
            requests = readRequests(top.sectionList("requests", true, "requests (name, weight, method, path)"));
            top.reject(
                    "mix",
                    "give either mix: (the reference service's endpoints) or requests: (your own"
                            + " service's), not both");
        } else {
            mix = readMix(top.section(
                    "mix",
                    true,
                    "endpoint weights (" + ENDPOINT_KEYS + "), or requests: listing your own service's endpoints"));
        }
        LoadShape load = LoadReader.read(top.section("load", true, "the load shape (model: open or closed, ...)"));
        Slo slo = readSlo(top.section("slo", true, "p95_ms, p99_ms and error_ratio"));
        SeedSize seed = DEFAULT_SEED;
        ServiceSettings service = DEFAULT_SERVICE;
        if (own) {
            String why = " applies to the lab's reference service only; a scenario with requests: loads your own"
                    + " service, whose data and settings are yours";
            top.reject("seed", "seed:" + why);
            top.reject("service", "service:" + why);
        } else {
            seed = readSeed(top.section("seed", false, "stores, items_per_store and orders"));
            service = readService(top.section("service", false, "cpus, pool_size, tomcat_threads and heap"));
        }
        Integer requestTimeoutMs = readHttp(top.section("http", false, "request_timeout_ms"));
        Assertions assertions = AssertionsReader.read(top.section("assertions", false, AssertionsReader.FIELDS));
        top.finish();
        if (!problems.isEmpty()) return null;
        return new Scenario(
                name,
                description,
                mix,
                requests,
                load,
                slo,
                seed,
                service,
                requestTimeoutMs / 1000.0,
                source,
                sha256,
                assertions);
    }

    private static List<OwnRequest> readRequests(List<YamlSection> items) {
        List<OwnRequest> requests = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean allRead = true;
        for (YamlSection item : items) {
            OwnRequest r = readRequest(item);
            if (r == null) {
                allRead = false;
            } else if (!names.add(r.name())) {
                item.problemAt("name", "given to two requests; each request needs a name of its own");
                allRead = false;
            } else {
                requests.add(r);
            }
        }
        if (allRead && !requests.isEmpty() && requests.stream().allMatch(r -> r.weight() == 0)) {
            items.get(0).problemAt("weight", "at least one request needs a weight > 0");
        }
        return requests;
    }

    private static OwnRequest readRequest(YamlSection item) {
        String name = item.text("name", "a name of lower-case letters, digits and _ (it names the results)", null);
        if (name != null && !REQUEST_NAME.matcher(name).matches()) {
            item.problemAt(
                    "name",
                    "must be lower-case letters, digits and _, starting with a letter (like list_items), was " + name);
            name = null;
        }
        Integer weight = item.wholeNumber("weight", 0, MAX_WEIGHT);
        String method = item.text("method", "one of " + String.join(", ", METHODS), "GET");
        if (method != null && !METHODS.contains(method)) {
            item.problemAt("method", "must be one of " + String.join(", ", METHODS) + " (upper case), was " + method);
            method = null;
        }
        RequestTemplate path = template(item, "path", "a path starting with /, such as /api/items/${random:1-500}");
        if (path != null && !path.text().startsWith("/")) {
            item.problemAt(
                    "path",
                    "must start with / (it is appended to -Dheadroom.target, so requests never leave the host you"
                            + " named), was " + path.text());
            path = null;
        } else if (path != null) {
            try {
                java.net.URI.create("http://127.0.0.1" + path.render(new java.util.Random(0)));
            } catch (IllegalArgumentException e) {
                item.problemAt("path", "is not a valid URL path (" + e.getMessage() + "); encode spaces as %20");
                path = null;
            }
        }
        Map<String, String> headers = item.textMap("headers", "a header name and its value (Accept: text/html)");
        RequestTemplate body = item.has("body") ? template(item, "body", "the request body as text") : null;
        if (body != null && method != null && (method.equals("GET") || method.equals("HEAD"))) {
            item.problemAt("body", "a " + method + " request has no body; use POST, PUT, PATCH or DELETE");
            body = null;
        }
        List<Integer> expect = item.wholeNumbers("expect_status", 100, 599);
        item.finish();
        if (name == null || weight == null || method == null || path == null) return null;
        if (item.has("body") && body == null) return null;
        return new OwnRequest(name, weight, method, path, headers, Optional.ofNullable(body), expect);
    }

    private static RequestTemplate template(YamlSection item, String key, String accepts) {
        String text = item.text(key, accepts, null);
        if (text == null) return null;
        try {
            return RequestTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            item.problemAt(key, e.getMessage());
            return null;
        }
    }

    private static Map<Endpoint, Integer> readMix(YamlSection mix) {
        Map<Endpoint, Integer> weights = new EnumMap<>(Endpoint.class);
        boolean allRead = true;
        for (String key : mix.keys()) {
            Endpoint endpoint = Endpoint.byKey(key).orElse(null);
            if (endpoint == null) {
                mix.reject(key, "unknown endpoint; accepted: " + ENDPOINT_KEYS);
                continue;
            }
            Integer weight = mix.wholeNumber(key, 0, MAX_WEIGHT);
            if (weight == null) allRead = false;
            else weights.put(endpoint, weight);
        }
        if (mix.readable() && allRead && weights.values().stream().allMatch(w -> w == 0)) {
            mix.problemHere("needs at least one endpoint with a weight > 0; endpoints: " + ENDPOINT_KEYS);
        }
        return weights;
    }

    private static Slo readSlo(YamlSection slo) {
        Double p95Ms = slo.number("p95_ms", NumberRange.above(0));
        Double p99Ms = slo.number("p99_ms", NumberRange.above(0));
        Double errorRatio = slo.number("error_ratio", NumberRange.from(0).upTo(1));
        slo.finish();
        if (p95Ms == null || p99Ms == null || errorRatio == null) return null;
        if (p99Ms < p95Ms) {
            slo.problemAt(
                    "p99_ms", "must be >= p95_ms (" + NumberRange.plain(p95Ms) + "), was " + NumberRange.plain(p99Ms));
            return null;
        }
        return new Slo(p95Ms, p99Ms, errorRatio);
    }

    private static SeedSize readSeed(YamlSection seed) {
        Integer stores = seed.wholeNumber("stores", 1, 100_000, DEFAULT_SEED.stores());
        Integer itemsPerStore = seed.wholeNumber("items_per_store", 1, 1_000, DEFAULT_SEED.itemsPerStore());
        Integer orders = seed.wholeNumber("orders", 0, 10_000_000, DEFAULT_SEED.orders());
        seed.finish();
        if (stores == null || itemsPerStore == null || orders == null) return null;
        return new SeedSize(stores, itemsPerStore, orders);
    }

    private static ServiceSettings readService(YamlSection service) {
        boolean cpusGiven = service.has("cpus");
        Double cpus = cpusGiven ? service.number("cpus", NumberRange.above(0).upTo(256)) : null;
        Integer poolSize = service.wholeNumber("pool_size", 1, 1_000, DEFAULT_SERVICE.poolSize());
        Integer tomcatThreads = service.wholeNumber("tomcat_threads", 1, 10_000, DEFAULT_SERVICE.tomcatThreads());
        String heap = service.text("heap", "a JVM size like 256m or 1g", DEFAULT_SERVICE.heap());
        if (heap != null && !HEAP.matcher(heap).matches()) {
            service.problemAt("heap", "must be a JVM size like 256m or 1g (k, m or g), was " + heap);
            heap = null;
        }
        service.finish();
        if ((cpusGiven && cpus == null) || poolSize == null || tomcatThreads == null || heap == null) return null;
        return new ServiceSettings(
                cpus == null ? OptionalDouble.empty() : OptionalDouble.of(cpus), poolSize, tomcatThreads, heap);
    }

    private static Integer readHttp(YamlSection http) {
        Integer requestTimeoutMs = http.wholeNumber("request_timeout_ms", 100, 600_000, DEFAULT_REQUEST_TIMEOUT_MS);
        http.finish();
        return requestTimeoutMs;
    }
}
