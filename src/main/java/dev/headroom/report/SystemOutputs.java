package dev.headroom.report;

import dev.headroom.results.Json;
import dev.headroom.sizing.Decision;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.system.SystemSizing;
import dev.headroom.sizing.system.SystemSizing.DatabasePlan;
import dev.headroom.sizing.system.SystemSizing.NodeGroupPlan;
import dev.headroom.sizing.system.SystemSizing.ServicePlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The outputs of a system sizing: {@value #JSON} (a {@code services} list and a {@code databases}
 * list, each entry with its decisions and findings), {@value #TFVARS} (a map per service, per node
 * group and per database), report.md, report.html and, on EKS, one Kubernetes manifest per service.
 * Written to a scratch directory and moved into place, so a failure leaves earlier outputs whole.
 */
final class SystemOutputs {
    static final String JSON = "system-sizing.json";
    static final String TFVARS = "system.auto.tfvars.json";

    private SystemOutputs() {}

    static List<Path> write(SystemSizing s, Path out, String source) {
        Path scratch = null;
        try {
            Files.createDirectories(out);
            scratch = Files.createTempDirectory(out, ".system-");
            Json.writeAtomically(scratch.resolve(JSON), json(s, source));
            Json.writeAtomically(scratch.resolve(TFVARS), tfvars(s));
            for (ServicePlan p : s.services()) {
                Map<String, Object> vars = variablesOrNone(p);
                if (vars.isEmpty()) continue;
                Path dir = scratch.resolve("services").resolve(p.name());
                KubernetesManifests.write(
                        dir,
                        vars,
                        new KubernetesManifests.Workload(p.name(), "registry.example.com/" + p.name() + ":latest"));
            }
            String title = "Headroom system sizing: " + Path.of(source).getFileName();
            Files.writeString(scratch.resolve(MarkdownReport.FILE_NAME), markdown(s, title), StandardCharsets.UTF_8);
            Files.writeString(scratch.resolve(HtmlReport.FILE_NAME), html(s, title), StandardCharsets.UTF_8);
            List<Path> written = new ArrayList<>();
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    Path target = out.resolve(scratch.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    written.add(target);
                }
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the system sizing to " + out + ": " + e.getMessage(), e);
        } finally {
            if (scratch != null) deleteQuietly(scratch);
        }
    }

    static Map<String, Object> json(SystemSizing s, String source) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", source);
        out.put("platform", s.spec().platform().key());
        out.put("region", s.spec().region());
        out.put("availability_zones", s.spec().availabilityZones());
        out.put("survive", s.spec().survive().name().toLowerCase(java.util.Locale.ROOT));
        out.put("deployment", s.spec().deployment().describe());
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("compute_usd_per_month", s.computeUsdPerMonth());
        cost.put("control_plane_usd_per_month", s.controlPlaneUsdPerMonth());
        cost.put("database_usd_per_month", s.databaseUsdPerMonth());
        cost.put("total_usd_per_month", s.totalUsdPerMonth());
        out.put("cost", cost);
        out.put("findings", s.findings());
        out.put("services", s.services().stream().map(SystemOutputs::service).toList());
        out.put("node_groups", s.nodeGroups());
        out.put("databases", s.databases().stream().map(SystemOutputs::database).toList());
        return out;
    }

    /** The record's fields, with the engine as the system file spells it ({@code mysql}, {@code postgres}). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> database(DatabasePlan d) {
        Map<String, Object> m = new LinkedHashMap<>(Json.MAPPER.convertValue(d, Map.class));
        m.put("engine", d.engine().key());
        m.put("usd_per_month", d.usdPerMonth());
        return m;
    }

    private static Map<String, Object> service(ServicePlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("capacity_type", p.capacityType());
        m.put("pod_cpu_millicores", p.podCpuMillicores());
        m.put("pod_memory_mib", p.podMemoryMib());
        m.put("sidecar_cpu_millicores", p.sidecarCpuMillicores());
        m.put("sidecar_memory_mib", p.sidecarMemoryMib());
        m.put("task_cpu_units", p.taskCpuUnits());
        m.put("task_memory_mib", p.taskMemoryMib());
        m.put("min_replicas", p.minReplicas());
        m.put("replicas_for_peak", p.replicasForPeak());
        m.put("replicas_at_peak", p.replicasAtPeak());
        m.put("max_replicas", p.maxReplicas());
        m.put("cpu_target_utilization", p.cpuTargetUtilization());
        m.put("pool_size", p.poolSize());
        m.put("sized_pool_size", p.sizedPoolSize());
        m.put("database", p.database().orElse(null));
        // Its requests' database CPU at its peak; the database's background is the database's.
        m.put("db_cpu_cores_at_peak", p.db().requestCoresAtPeak());
        m.put("db_background_cores_per_instance", p.db().backgroundCoresPerInstance());
        m.put("read_share", p.db().readShare());
        m.put("read_share_basis", p.db().readShareBasis());
        m.put("decisions", p.decisions());
        m.put("findings", p.findings());
        m.put("single_service_decisions", p.single().decisions());
        m.put("single_service_findings", p.single().findings());
        try {
            m.put("terraform_variables", serviceVariables(p));
        } catch (IllegalArgumentException e) {
            m.put("terraform_variables", Map.of());
            m.put("terraform_variables_error", e.getMessage());
        }
        return m;
    }

    /**
     * One service's variables, as {@code size} writes them for one service, without what the system
     * shares: the node group (type and counts) and the database (class, limit, reserved connections)
     * are the system's, not one service's. Empty when the service has no plan.
     *
     * @throws IllegalArgumentException when the plan cannot be deployed (a Fargate task size that
     *     does not exist, for example)
     */
    static Map<String, Object> serviceVariables(ServicePlan p) {
        if (p.deployed().isEmpty()) return Map.of();
        Map<String, Object> own = new LinkedHashMap<>(TerraformVariables.of(
                p.deployed().get(), p.single().request(), p.single().testBed()));
        own.keySet()
                .removeAll(List.of(
                        TerraformVariables.NODE_INSTANCE_TYPE,
                        TerraformVariables.NODE_MIN_SIZE,
                        TerraformVariables.NODE_MAX_SIZE,
                        TerraformVariables.NODE_DESIRED_SIZE,
                        TerraformVariables.DB_INSTANCE_CLASS,
                        TerraformVariables.DB_MAX_CONNECTIONS,
                        TerraformVariables.DB_RESERVED_CONNECTIONS));
        return own;
    }

    private static Map<String, Object> variablesOrNone(ServicePlan p) {
        try {
            return serviceVariables(p);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    /**
     * A map per service, per node group and per database, each keyed by name, for a root module
     * that runs the headroom-capacity module once per service with {@code for_each = var.services}
     * (terraform/headroom-capacity/examples/system declares the types). A service's entry is its
     * single-service variables plus the names of its node group and database, by which the root
     * looks up what they share; a database's entry carries its reserved connections and the
     * connections every connecting service needs together.
     */
    static Map<String, Object> tfvars(SystemSizing s) {
        Map<String, Object> services = new LinkedHashMap<>();
        for (ServicePlan p : s.services()) {
            Map<String, Object> vars = variablesOrNone(p);
            if (vars.isEmpty()) continue;
            Map<String, Object> entry = new LinkedHashMap<>(vars);
            if (s.spec().platform() == dev.headroom.sizing.Platform.EKS)
                s.spec().services().stream()
                        .filter(x -> x.name().equals(p.name()))
                        .findFirst()
                        .ifPresent(x -> entry.put("node_group", x.nodeGroup()));
            p.database().ifPresent(d -> entry.put("database", d));
            services.put(p.name(), entry);
        }
        Map<String, Object> groups = new LinkedHashMap<>();
        for (NodeGroupPlan g : s.nodeGroups()) {
            if (g.instanceType().isEmpty()) continue;
            groups.put(
                    g.name(),
                    Map.of(
                            "node_instance_type", g.instanceType(),
                            "node_min_size", g.nodesMin(),
                            "node_desired_size", g.nodesMin(),
                            "node_max_size", g.nodesMax()));
        }
        Map<String, Object> dbs = new LinkedHashMap<>();
        for (DatabasePlan d : s.databases()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", d.engine().key());
            d.dbClass().ifPresent(c -> m.put("db_instance_class", c));
            m.put("multi_az", d.multiAz());
            m.put("read_replicas", d.readReplicas());
            if (d.maxConnections() > 0) m.put("db_max_connections", d.maxConnections());
            m.put("db_reserved_connections", s.spec().database(d.name()).reservedConnections());
            m.put("connections_needed", d.connectionsNeeded());
            dbs.put(d.name(), m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("services", services);
        out.put("node_groups", groups);
        out.put("databases", dbs);
        return out;
    }

    static String markdown(SystemSizing s, String title) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append(lede(s)).append("\n\n");
        md.append("## Services\n\n");
        md.append(MarkdownTable.of(
                        "service",
                        "runs on",
                        "pod / task",
                        "sidecars",
                        "min",
                        "peak",
                        "max",
                        "CPU target",
                        "pool",
                        "database")
                .rows(
                        s.services(),
                        p -> List.of(
                                p.name(),
                                p.planned() ? p.capacityType() : "no plan",
                                p.taskCpuUnits() > 0
                                        ? p.taskCpuUnits() + " CPU units / " + p.taskMemoryMib() + " MiB"
                                        : p.podCpuMillicores() + "m / " + p.podMemoryMib() + " MiB",
                                p.sidecarCpuMillicores() + "m / " + p.sidecarMemoryMib() + " MiB",
                                String.valueOf(p.minReplicas()),
                                String.valueOf(p.replicasAtPeak()),
                                String.valueOf(p.maxReplicas()),
                                pct(p.cpuTargetUtilization()),
                                p.poolSize()
                                        + (p.sizedPoolSize() > 0 && p.sizedPoolSize() != p.poolSize()
                                                ? " (sized " + p.sizedPoolSize() + ")"
                                                : ""),
                                p.database().orElse("none")))
                .render());
        if (!s.nodeGroups().isEmpty()) {
            md.append("\n## Node groups\n\n");
            md.append(MarkdownTable.of("group", "type", "min", "peak", "max", "DaemonSets per node", "USD/month")
                    .rows(
                            s.nodeGroups(),
                            g -> List.of(
                                    g.name(),
                                    g.instanceType().isEmpty() ? "none fits" : g.instanceType(),
                                    String.valueOf(g.nodesMin()),
                                    String.valueOf(g.nodesAtPeak()),
                                    String.valueOf(g.nodesMax()),
                                    g.daemonPods() + " pods, " + g.daemonCpuMillicores() + "m, " + g.daemonMemoryMib()
                                            + " MiB",
                                    usd(g.usdPerMonth())))
                    .render());
        }
        md.append("\n## Databases\n\n");
        md.append(MarkdownTable.of(
                        "database",
                        "engine",
                        "class",
                        "Multi-AZ",
                        "read replicas",
                        "connections",
                        "max_connections",
                        "USD/month")
                .rows(
                        s.databases(),
                        d -> List.of(
                                d.name(),
                                d.engine().key(),
                                d.dbClass().orElse("not chosen"),
                                d.multiAz() ? "yes" : "no",
                                String.valueOf(d.readReplicas()),
                                String.valueOf(d.connectionsNeeded()),
                                d.maxConnections() == 0 ? "unknown" : String.valueOf(d.maxConnections()),
                                usd(d.usdPerMonth())))
                .render());
        for (DatabasePlan d : s.databases()) {
            md.append("\n### ").append(d.name()).append(": connection budget\n\n");
            d.budget()
                    .forEach(b ->
                            md.append("- ").append(MarkdownReport.inline(b)).append('\n'));
            md.append("- total ")
                    .append(d.connectionsNeeded())
                    .append(" against ")
                    .append(
                            d.maxConnections() == 0
                                    ? "an unknown max_connections"
                                    : "max_connections " + d.maxConnections())
                    .append(
                            d.maxConnectionsBasis().isEmpty()
                                    ? ""
                                    : " (" + MarkdownReport.inline(d.maxConnectionsBasis()) + ")")
                    .append('\n');
            md.append("\nRead share of each service's database work (what a read replica could take):\n\n");
            s.services().stream()
                    .filter(p -> p.database().filter(d.name()::equals).isPresent())
                    .forEach(p -> md.append("- ")
                            .append(MarkdownReport.inline(p.name()))
                            .append(": ")
                            .append(Double.isNaN(p.db().readShare()) ? "none" : pct(p.db().readShare()))
                            .append(", ")
                            .append(MarkdownReport.inline(p.db().readShareBasis()))
                            .append('\n'));
            if (!d.fixes().isEmpty()) {
                md.append("\nFixes that work:\n\n");
                d.fixes()
                        .forEach(x ->
                                md.append("- ").append(MarkdownReport.inline(x)).append('\n'));
            }
        }
        md.append("\n## Findings\n\n");
        List<Finding> all = sorted(s.allFindings());
        if (all.isEmpty()) md.append("None.\n");
        all.forEach(f -> md.append("- **")
                .append(f.severity())
                .append("** `")
                .append(f.code())
                .append("`: ")
                .append(MarkdownReport.inline(f.message()))
                .append('\n'));
        md.append("\n## Decisions\n\n");
        for (ServicePlan p : s.services()) decisions(md, p.name(), p.decisions());
        for (NodeGroupPlan g : s.nodeGroups()) decisions(md, "node group " + g.name(), g.decisions());
        for (DatabasePlan d : s.databases()) decisions(md, "database " + d.name(), d.decisions());
        return md.toString();
    }

    private static void decisions(StringBuilder md, String owner, List<Decision> decisions) {
        for (Decision d : decisions)
            md.append("- ")
                    .append(owner)
                    .append(", ")
                    .append(d.name())
                    .append(": ")
                    .append(MarkdownReport.inline(d.reasoning()))
                    .append('\n');
    }

    static String html(SystemSizing s, String title) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Html.escape(title))
                .append("</title>\n<style>\n")
                .append(css())
                .append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(Html.escape(title))
                .append("</h1>\n<p class=\"lede\">")
                .append(Html.escape(lede(s)))
                .append("</p>\n</header>\n<main>\n<h2>Services</h2>\n");
        List<List<Object>> rows = new ArrayList<>();
        for (ServicePlan p : s.services())
            rows.add(List.of(
                    p.name(),
                    p.planned() ? p.capacityType() : "no plan",
                    Html.num(String.valueOf(p.minReplicas())),
                    Html.num(String.valueOf(p.replicasAtPeak())),
                    Html.num(String.valueOf(p.maxReplicas())),
                    Html.num(pct(p.cpuTargetUtilization())),
                    Html.num(String.valueOf(p.poolSize())),
                    p.database().orElse("none")));
        h.append(Html.table(
                "plans", List.of("service", "runs on", "min", "peak", "max", "CPU target", "pool", "database"), rows));
        if (!s.nodeGroups().isEmpty()) {
            h.append("<h2>Node groups</h2>\n");
            List<List<Object>> g = new ArrayList<>();
            for (NodeGroupPlan n : s.nodeGroups())
                g.add(List.of(
                        n.name(),
                        n.instanceType().isEmpty() ? "none fits" : n.instanceType(),
                        Html.num(String.valueOf(n.nodesMin())),
                        Html.num(String.valueOf(n.nodesAtPeak())),
                        Html.num(String.valueOf(n.nodesMax())),
                        Html.num(usd(n.usdPerMonth()))));
            h.append(Html.table("plans", List.of("group", "type", "min", "peak", "max", "USD/month"), g));
        }
        h.append("<h2>Databases</h2>\n");
        List<List<Object>> d = new ArrayList<>();
        for (DatabasePlan db : s.databases())
            d.add(List.of(
                    db.name(),
                    db.engine().key(),
                    db.dbClass().orElse("not chosen"),
                    db.multiAz() ? "yes" : "no",
                    Html.num(String.valueOf(db.readReplicas())),
                    Html.num(db.connectionsNeeded() + " / " + (db.maxConnections() == 0 ? "?" : db.maxConnections())),
                    Html.num(usd(db.usdPerMonth()))));
        h.append(Html.table(
                "plans",
                List.of("database", "engine", "class", "Multi-AZ", "read replicas", "connections / max", "USD/month"),
                d));
        h.append("<h2>Findings</h2>\n<ul>\n");
        for (Finding f : sorted(s.allFindings()))
            h.append("<li>")
                    .append(Html.badge(f.severity().name(), f.severity().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(" <code>")
                    .append(f.code())
                    .append("</code> ")
                    .append(Html.escape(f.message()))
                    .append("</li>\n");
        h.append("</ul>\n<p>Every decision with its inputs and formula is in ")
                .append(JSON)
                .append(".</p>\n");
        return h.append("</main>\n</body>\n</html>\n").toString();
    }

    private static String lede(SystemSizing s) {
        return String.format(
                "%s in %s across %d zones, surviving the loss of a %s; %s; %d services, %d databases; %s a month at"
                        + " the peak (compute %s, control plane %s, databases %s).",
                s.spec().platform().key(),
                s.spec().region(),
                s.spec().availabilityZones(),
                s.spec().survive().name().toLowerCase(java.util.Locale.ROOT),
                s.spec().deployment().describe(),
                s.services().size(),
                s.databases().size(),
                usd(s.totalUsdPerMonth()),
                usd(s.computeUsdPerMonth()),
                usd(s.controlPlaneUsdPerMonth()),
                usd(s.databaseUsdPerMonth()));
    }

    private static List<Finding> sorted(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings);
        out.sort(Comparator.comparing(Finding::severity).reversed());
        return out;
    }

    static String usd(double v) {
        return Double.isNaN(v) ? "price unknown" : String.format("%.2f USD", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.0f %%", v * 100);
    }

    private static String css() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover scratch directory is harmless: its name starts with a dot
        }
    }
}
