package dev.headroom.report;

import static dev.headroom.report.TerraformVariables.CPU_TARGET_UTILIZATION_PERCENT;
import static dev.headroom.report.TerraformVariables.JVM_MAX_HEAP_MIB;
import static dev.headroom.report.TerraformVariables.PLATFORM;
import static dev.headroom.report.TerraformVariables.POD_CPU_REQUEST_MILLICORES;
import static dev.headroom.report.TerraformVariables.POD_MEMORY_REQUEST_MIB;
import static dev.headroom.report.TerraformVariables.POOL_SIZE;
import static dev.headroom.report.TerraformVariables.REPLICAS_MAX;
import static dev.headroom.report.TerraformVariables.REPLICAS_MIN;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.headroom.results.Json;
import dev.headroom.sizing.Platform;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The Kubernetes side of an EKS sizing: a Deployment carrying the replica's resources, pool size,
 * rollout surge and topology spread, the HorizontalPodAutoscaler with its bounds and CPU target,
 * and the PodDisruptionBudget that lets voluntary disruptions take the spare but not the peak's
 * replicas. All are rendered from the same Terraform variables as {@code capacity.auto.tfvars.json},
 * so the files cannot disagree.
 *
 * <p>The file is {@value #FILE}: named for what it carries, the capacity settings (like the tfvars
 * file beside it), not the whole service. It is complete enough to apply, but meant to be merged
 * into the service's own manifests (copied, or as a kustomize patch).
 */
public final class KubernetesManifests {
    public static final String FILE = "kubernetes/capacity.yaml";

    /** Spring Boot's relaxed binding of spring.datasource.hikari.maximum-pool-size. */
    public static final String POOL_SIZE_ENV = "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE";

    /**
     * The heap the service was measured with, as {@code -Xmx}: the memory request holds that heap,
     * and a JVM left to choose would take 25 % of the container's limit (MaxRAMPercentage). The
     * {@code java} launcher (JDK 9+) puts this variable's options before its command line, so they
     * win over JAVA_TOOL_OPTIONS (where buildpacks' memory calculators write their -Xmx) and lose
     * to an -Xmx the image's own command line sets. It replaces a JDK_JAVA_OPTIONS the image sets:
     * merge the two when you merge this file into your manifests.
     */
    public static final String JVM_OPTIONS_ENV = "JDK_JAVA_OPTIONS";

    /**
     * The surge the connection budget counts ({@code Rollout.surgeReplicas}): Kubernetes' default,
     * written out so a change to it is a visible change to the budget.
     */
    public static final String MAX_SURGE = "25%";

    // The reference service's ports and probe (headroom-service.properties): health is served on the
    // management port, on its own connector, so a saturated application port cannot fail it.
    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 8081;
    static final String READINESS_PATH = "/actuator/health/readiness";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // "10" must stay a string: Kubernetes rejects a number as an env var's value.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private KubernetesManifests() {}

    /**
     * The workload the manifests name. The image is a parameter because the sizing cannot know
     * the user's registry; the default points at example.com, reserved for documentation (RFC 2606),
     * so a forgotten placeholder fails to pull instead of pulling something else.
     *
     * @param name the Deployment, HPA and container name, and the value of the selector label
     */
    public record Workload(String name, String image) {
        private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

        public Workload {
            if (name == null || !DNS_1123_LABEL.matcher(name).matches())
                throw new IllegalArgumentException(
                        "a workload name must be a DNS-1123 label (lower-case letters, digits, '-', at most 63): "
                                + name);
            if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace))
                throw new IllegalArgumentException("a container image must be non-blank, without spaces: " + image);
        }

        /** The reference service under its spring.application.name, with a placeholder image. */
        public static Workload referenceService() {
            return new Workload("headroom-order-service", "registry.example.com/headroom-order-service:latest");
        }
    }

    /**
     * Writes {@value #FILE} under {@code outputDirectory} when the variables are for EKS.
     *
     * @return the file written, or empty for another platform, which has no Kubernetes objects
     */
    public static Optional<Path> write(Path outputDirectory, Map<String, Object> variables, Workload workload)
            throws IOException {
        if (!Platform.EKS.key().equals(variables.get(PLATFORM))) return Optional.empty();
        StringWriter yaml = new StringWriter();
        try (SequenceWriter documents = YAML.writer().writeValues(yaml)) {
            documents.writeAll(documents(variables, workload));
        }
        Path file = outputDirectory.resolve(FILE);
        Files.createDirectories(file.getParent());
        Json.writeAtomically(file, yaml.toString());
        return Optional.of(file);
    }

    /**
     * The Deployment, the HorizontalPodAutoscaler and the PodDisruptionBudget, in that order, as
     * the trees written to the file.
     */
    public static List<Map<String, Object>> documents(Map<String, Object> variables, Workload workload) {
        if (!Platform.EKS.key().equals(variables.get(PLATFORM)))
            throw new IllegalArgumentException("Kubernetes manifests are for eks, not " + variables.get(PLATFORM));
        return List.of(
                deployment(variables, workload),
                horizontalPodAutoscaler(variables, workload),
                SpareManifests.podDisruptionBudget(variables, labels(workload), workload.name()));
    }

    /** The pods' label, the Deployment's selector, and what the spread and the budget select on. */
    private static Map<String, Object> labels(Workload workload) {
        return map("app.kubernetes.io/name", workload.name());
    }

    private static Map<String, Object> deployment(Map<String, Object> variables, Workload workload) {
        Map<String, Object> labels = labels(workload);
        Map<String, Object> container = map(
                "name", workload.name(),
                "image", workload.image(),
                "ports",
                        List.of(
                                map("name", "http", "containerPort", HTTP_PORT),
                                map("name", "management", "containerPort", MANAGEMENT_PORT)));
        List<Map<String, Object>> env = new ArrayList<>();
        // Without a pool size (not evaluated) the service keeps the pool it is configured with.
        optionalInt(variables, POOL_SIZE)
                .ifPresent(pool -> env.add(map("name", POOL_SIZE_ENV, "value", Integer.toString(pool))));
        optionalInt(variables, JVM_MAX_HEAP_MIB)
                .ifPresent(mib -> env.add(map("name", JVM_OPTIONS_ENV, "value", "-Xmx" + mib + "m")));
        if (!env.isEmpty()) container.put("env", env);
        container.put("resources", resources(variables));
        container.put("readinessProbe", map("httpGet", map("path", READINESS_PATH, "port", "management")));
        // No liveness probe: one that times out while the service is saturated restarts pods exactly
        // at the peak, and the sizing measured nothing that would set its thresholds.

        Map<String, Object> podSpec = map("containers", List.of(container));
        List<Map<String, Object>> spread = SpareManifests.topologySpreadConstraints(variables, labels);
        if (!spread.isEmpty()) podSpec.put("topologySpreadConstraints", spread);

        // No spec.replicas: the HPA owns the count, and every apply of a manifest that sets it would
        // reset the HPA's choice (kubernetes.io, Horizontal Pod Autoscaling, "Migrating Deployments
        // and StatefulSets to horizontal autoscaling").
        Map<String, Object> spec = map(
                "selector", map("matchLabels", labels),
                "strategy", map("type", "RollingUpdate", "rollingUpdate", rollingUpdate()),
                "template", map("metadata", map("labels", labels), "spec", podSpec));
        Map<String, Object> metadata = map("name", workload.name(), "labels", labels);
        return map("apiVersion", "apps/v1", "kind", "Deployment", "metadata", metadata, "spec", spec);
    }

    /**
     * maxUnavailable 0: the old pods keep serving until their replacements are ready, so a rollout
     * at the peak keeps the capacity the plan needs, and the connection budget's assumption (surge
     * pods open their pools before the old ones close) is what actually happens.
     */
    private static Map<String, Object> rollingUpdate() {
        return map("maxSurge", MAX_SURGE, "maxUnavailable", 0);
    }

    /**
     * Limits equal to requests. Memory as Robusta KRR and the VPA recommend (limit = request).
     * CPU because the capacity was measured under a CFS quota of exactly the request: a pod free to
     * burst above it would measure faster in a quiet cluster and slower on a full node, and the JVM
     * sizes its GC and pools from the quota, not the request. With memory measured, equal limits
     * also make the pod Guaranteed, the last class evicted under node pressure.
     */
    private static Map<String, Object> resources(Map<String, Object> variables) {
        Map<String, Object> quantities = map("cpu", requiredInt(variables, POD_CPU_REQUEST_MILLICORES) + "m");
        // Unmeasured memory is left unset rather than guessed; the namespace's LimitRange, if any, applies.
        optionalInt(variables, POD_MEMORY_REQUEST_MIB).ifPresent(mib -> quantities.put("memory", mib + "Mi"));
        return map("requests", quantities, "limits", new LinkedHashMap<>(quantities));
    }

    /**
     * The behavior is Kubernetes' default, written out because the sizing depends on it: the
     * scale-out lag assumes the HPA acts at its first sync over the target (no scale-up
     * stabilization; at most max(4 pods, 100 %) per 15 s), and the 300 s scale-down stabilization
     * keeps warmed-up JVMs through a dip instead of paying their start-up again when load returns
     * (capacity-facts.md, Kubernetes HPA).
     */
    private static Map<String, Object> horizontalPodAutoscaler(Map<String, Object> variables, Workload workload) {
        // The target was sized for the service's own container. A Resource metric divides the whole
        // pod's CPU by the sum of its containers' requests, so an injected sidecar (a mesh proxy that
        // requests 100m) would move the point where the HPA scales out; a ContainerResource metric
        // measures the service's container alone (KEP-1610, Container Resource based Autoscaling:
        // beta and on by default in Kubernetes 1.27, stable in 1.30).
        Map<String, Object> cpuTarget = map(
                "type",
                "ContainerResource",
                "containerResource",
                map(
                        "name",
                        "cpu",
                        "container",
                        workload.name(),
                        "target",
                        map(
                                "type",
                                "Utilization",
                                "averageUtilization",
                                requiredInt(variables, CPU_TARGET_UTILIZATION_PERCENT))));
        Map<String, Object> behavior = map(
                "scaleUp",
                        map(
                                "stabilizationWindowSeconds",
                                0,
                                "selectPolicy",
                                "Max",
                                "policies",
                                List.of(
                                        map("type", "Pods", "value", 4, "periodSeconds", 15),
                                        map("type", "Percent", "value", 100, "periodSeconds", 15))),
                "scaleDown",
                        map(
                                "stabilizationWindowSeconds",
                                300,
                                "selectPolicy",
                                "Max",
                                "policies",
                                List.of(map("type", "Percent", "value", 100, "periodSeconds", 15))));
        return map(
                "apiVersion",
                "autoscaling/v2",
                "kind",
                "HorizontalPodAutoscaler",
                "metadata",
                map("name", workload.name(), "labels", map("app.kubernetes.io/name", workload.name())),
                "spec",
                map(
                        "scaleTargetRef", map("apiVersion", "apps/v1", "kind", "Deployment", "name", workload.name()),
                        "minReplicas", requiredInt(variables, REPLICAS_MIN),
                        "maxReplicas", requiredInt(variables, REPLICAS_MAX),
                        "metrics", List.of(cpuTarget),
                        "behavior", behavior));
    }

    static int requiredInt(Map<String, Object> variables, String name) {
        return optionalInt(variables, name)
                .orElseThrow(() -> new IllegalArgumentException("Terraform variable " + name + " is missing"));
    }

    private static OptionalInt optionalInt(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        if (value == null) return OptionalInt.empty();
        if (value instanceof Integer || value instanceof Long || value instanceof Short)
            return OptionalInt.of(Math.toIntExact(((Number) value).longValue()));
        throw new IllegalArgumentException("Terraform variable " + name + " must be a whole number, got " + value);
    }

    /** An ordered map from alternating keys and values, so the YAML reads in Kubernetes' usual order. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }
}
