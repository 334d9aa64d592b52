package dev.headroom.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.scenario.LoadModel;
import java.util.List;
import java.util.Map;

/**
 * The sections of {@code run.json} that later stages read back (the sizer, the history, the
 * nightly comparison): {@code environment} and {@code scenario}. The run writes them as these
 * records and the readers read them as the same records, so a renamed field is a compile error on
 * both sides rather than a key one side writes and the other silently reads as "unknown". Field
 * names are the components' in snake_case ({@link Json#MAPPER}).
 *
 * <p>A field is null when the run did not record it: a run.json from an older Headroom or a
 * foreign tool, which the readers show as unknown. The lab's, the settings' and the metrics'
 * sections are still written as maps and read by path.
 */
public final class RunJson {
    private RunJson() {}

    /** Where the run ran, as a benchmark footnote says it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Environment(
            String gitCommit, Boolean gitDirty, Host host, Injector injector, Map<String, Object> calibration) {
        public Environment {
            if (host == null) host = new Host(null, null, null, null);
            if (injector == null) injector = new Injector(null, null, null);
        }
    }

    /** The machine the injector ran on. */
    public record Host(String cpuModel, Integer cpuCount, String os, String arch) {}

    /** The injector's JVM. */
    public record Injector(String javaVersion, List<String> jvmFlags, Long pid) {}

    /**
     * The scenario as run: its identity (name, file, SHA-256), load model and shape, the request
     * mix (the reference service's {@code mix}, or a user's own {@code requests}), SLO and plan.
     *
     * @param load the scenario's load shape as written; read back as a map
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scenario(
            String name,
            String file,
            String sha256,
            LoadModel model,
            Object load,
            List<Map<String, Object>> requests,
            Map<String, Integer> mix,
            Slo slo,
            List<PlanStep> plan,
            Double requestTimeoutS) {
        public Scenario {
            if (slo == null) slo = new Slo(null, null, null);
            plan = plan == null ? List.of() : plan;
        }
    }

    /** The scenario's SLO: latency percentiles of successful requests, in ms, and the error ratio. */
    public record Slo(Double p95Ms, Double p99Ms, Double errorRatio) {}

    /** One planned step: its offered load (req/s or users) and its timeline, in seconds from the warm-up's start. */
    public record PlanStep(Integer step, Double offered, Double rampStartS, Double steadyStartS, Double steadyEndS) {}

    /** The key of {@link ServiceJvmMemory} in run.json. */
    public static final String SERVICE_JVM_MEMORY = "service_jvm_memory";

    /**
     * A JVM service's memory as its JVM memory gauges told it (metrics.JvmMemoryFloor: from the
     * endpoint Headroom scrapes, or the Prometheus it read) and the {@code -Xmx} Headroom knows,
     * written after the load; the sizer's floor for the replica's memory. Absent for a service that
     * is not a JVM, or has neither gauges nor an {@code -Xmx} Headroom could read.
     *
     * @param heapMaxMib the heap's maximum ({@code -Xmx})
     * @param nonHeapCommittedMib the non-heap committed, the largest seen; null when no gauges were read
     * @param directBuffersMib the direct buffers in use, the largest seen; null when no gauges were read
     *     (and in runs before 2026-12-07)
     * @param floorMib their sum: what the JVM holds at least once its whole heap is resident
     * @param heapMaxSet whether the heap maximum was set for the service (load.JvmHeapOrigin): only
     *     then is it the sizer's floor and the outputs' -Xmx; the JVM's default says how large the
     *     test host is
     * @param heapMaxWhy how that is known
     * @param source the gauges read
     */
    public record ServiceJvmMemory(
            Double heapMaxMib,
            Double nonHeapCommittedMib,
            Double directBuffersMib,
            Double floorMib,
            Boolean heapMaxSet,
            String heapMaxWhy,
            String source) {}

    /**
     * Reading is lenient where writing is exact: unknown fields (a newer Headroom's) are ignored,
     * an unknown load model reads as null.
     */
    private static final ObjectMapper READER = Json.MAPPER
            .copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true);

    /** {@code run}'s environment; every field null when it has none or it is not one. */
    public static Environment environment(JsonNode run) {
        return read(run.path("environment"), Environment.class, new Environment(null, null, null, null, null));
    }

    /** {@code run}'s scenario; every field null when it has none or it is not one. */
    public static Scenario scenario(JsonNode run) {
        return read(
                run.path("scenario"),
                Scenario.class,
                new Scenario(null, null, null, null, null, null, null, null, null, null));
    }

    /** {@code run}'s JVM memory of the service; every field null when it has none. */
    public static ServiceJvmMemory serviceJvmMemory(JsonNode run) {
        return read(
                run.path(SERVICE_JVM_MEMORY),
                ServiceJvmMemory.class,
                new ServiceJvmMemory(null, null, null, null, null, null, null));
    }

    /**
     * A section of a hand-edited or damaged run.json (a number where text belongs) reads as absent,
     * as the path readers before these records did, rather than failing the whole history.
     */
    private static <T> T read(JsonNode section, Class<T> type, T absent) {
        if (!section.isObject()) return absent;
        try {
            return READER.treeToValue(section, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return absent;
        }
    }
}
