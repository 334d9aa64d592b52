package dev.headroom.report;

import static dev.headroom.report.Html.num;

import dev.headroom.sizing.Plan;
import dev.headroom.sizing.Sizing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The ranked plans with their costs, and the user's current plan beside the recommendation. */
final class PlanTable {
    /**
     * Plans shown of each kind. The sizer considers every instance type against every DB class,
     * hundreds of plans; past the first few a reader compares nothing, and the rejected ones repeat
     * the same few violations.
     */
    static final int FEASIBLE_SHOWN = 10;

    static final int REJECTED_SHOWN = 10;

    private PlanTable() {}

    static String ranked(Sizing sizing) {
        List<Plan> feasible = sizing.plans().stream().filter(Plan::feasible).toList();
        List<Plan> rejected = sizing.plans().stream().filter(p -> !p.feasible()).toList();
        if (sizing.plans().isEmpty()) return "<p class=\"empty\">No plan was considered.</p>\n";
        List<List<Object>> rows = new ArrayList<>();
        int rank = 0;
        for (Plan p : feasible.subList(0, Math.min(FEASIBLE_SHOWN, feasible.size()))) {
            rank++;
            rows.add(row(Integer.toString(rank), p, rank == 1 ? "recommended" : "feasible"));
        }
        for (Plan p : rejected.subList(0, Math.min(REJECTED_SHOWN, rejected.size()))) {
            rows.add(row("", p, "rejected"));
            rows.add(List.of(new Html.Detail(violations(p))));
        }
        return "<p class=\"note\">Costs in USD per month, with every plan at its peak size all month (730 hours);"
                + " \"partial\" totals leave out a part that has no price. Replicas and nodes: min / peak / max.</p>\n"
                + Html.table("plans", HEADERS, rows)
                + notShown(feasible.size() - FEASIBLE_SHOWN, "feasible")
                + notShown(rejected.size() - REJECTED_SHOWN, "rejected");
    }

    private static final List<String> HEADERS = List.of(
            "Rank",
            "Status",
            "Capacity type",
            "Total USD per month",
            "Replicas",
            "Nodes",
            "Replicas per node",
            "Replica vCPU / MiB",
            "CPU target",
            "Sustained CPU",
            "Pool per replica",
            "DB class",
            "DB connections needed / max",
            "Compute USD",
            "Control plane USD",
            "Database USD",
            "Burst credits USD");

    private static List<Object> row(String rank, Plan p, String status) {
        Plan.Cost c = p.cost();
        return List.of(
                new Html.RowClass(status),
                num(rank),
                Html.raw(Html.badge(status, status), ""),
                p.capacityType(),
                Html.raw("<strong>" + Html.escape(Figures.total(c)) + "</strong>", "n"),
                num(p.minReplicas() + " / " + p.replicasForPeak() + " / " + p.maxReplicas()),
                num(p.nodesMin() + " / " + p.nodesForPeak() + " / " + p.nodesMax()),
                num(p.replicasPerNode() + " (" + p.replicasPerNodeLimitedBy() + ")"),
                num(Figures.number(p.replicaCpuCores()) + " / " + Figures.number(p.replicaMemoryMib())),
                num(Figures.percent(p.cpuTargetUtilization())),
                num(Figures.percent(p.sustainedUtilization())),
                num(Integer.toString(p.poolSize())),
                Summary.dbClass(p),
                num(Summary.connectionsShort(p)),
                num(Figures.usd(c.computeUsdPerMonth())),
                num(Figures.usd(c.controlPlaneUsdPerMonth())),
                num(Figures.usd(c.databaseUsdPerMonth())),
                num(Figures.usd(c.burstCreditsUsdPerMonth())));
    }

    private static String violations(Plan p) {
        StringBuilder out = new StringBuilder("<span class=\"label\">Rejected:</span><ul class=\"violations\">");
        p.violations().forEach(v -> out.append("<li>").append(Html.escape(v)).append("</li>"));
        return out.append("</ul>").toString();
    }

    private static String notShown(int count, String kind) {
        return count > 0 ? "<p class=\"note\">" + count + " more " + kind + " plans are not shown.</p>\n" : "";
    }

    /**
     * The current plan as checked against the measurements, beside the recommendation, or nothing
     * when the request named no current plan.
     */
    static String current(Sizing sizing) {
        Optional<Plan> current = sizing.currentPlan();
        if (current.isEmpty())
            return sizing.request().currentPlan().isPresent()
                    ? "<p class=\"empty\">A current plan was given but could not be checked; the findings say"
                            + " why.</p>\n"
                    : "";
        Plan now = current.get();
        Optional<Plan> recommended = sizing.recommendation();
        List<String> headers = new ArrayList<>(List.of("", "Current plan"));
        recommended.ifPresent(r -> headers.add("Recommended"));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(compare("Verdict", now, recommended, PlanTable::verdict));
        rows.add(compare(Summary.capacityTypeLabel(now.platform()), now, recommended, Plan::capacityType));
        rows.add(compare(
                "Replica",
                now,
                recommended,
                p -> Figures.withUnit(p.replicaCpuCores(), "vCPU") + ", "
                        + Figures.withUnit(p.replicaMemoryMib(), "MiB")));
        rows.add(compare("Replicas", now, recommended, Summary::replicas));
        rows.add(compare(Summary.nodesLabel(now.platform()), now, recommended, Summary::nodes));
        rows.add(compare("CPU target", now, recommended, p -> Figures.percent(p.cpuTargetUtilization())));
        rows.add(compare("Pool per replica", now, recommended, p -> Integer.toString(p.poolSize())));
        rows.add(compare("Database class", now, recommended, Plan::dbClass));
        rows.add(compare("DB connections needed / max", now, recommended, p -> Summary.connectionsShort(p)));
        rows.add(compare("Monthly cost", now, recommended, p -> Figures.total(p.cost())));
        return Html.table("current", headers, rows);
    }

    private static String verdict(Plan p) {
        return p.feasible()
                ? "carries the peak within every constraint"
                : "falls short: " + String.join("; ", p.violations());
    }

    private static List<Object> compare(
            String label, Plan now, Optional<Plan> recommended, Function<Plan, String> figure) {
        List<Object> row = new ArrayList<>(List.of(Html.raw("<strong>" + Html.escape(label) + "</strong>", "")));
        row.add(figure.apply(now));
        recommended.ifPresent(r -> row.add(figure.apply(r)));
        return row;
    }
}
