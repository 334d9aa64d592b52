package dev.headroom.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.input.InputException;
import dev.headroom.input.StepsTable;
import dev.headroom.report.HeadlineFigures;
import dev.headroom.results.Json;
import dev.headroom.results.RunJson;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.ReferenceLoad;
import dev.headroom.sizing.SearchEnd;
import dev.headroom.sizing.SizingRequest;
import dev.headroom.sizing.StepRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run directory as the history sees it: how it ended, where it ran, its steps, its headline
 * figures and its sizing. Reading never fails on a run that failed, was aborted or was cut short:
 * what is missing is said ({@link #problems}), and such a run is listed but never compared.
 *
 * @param status run.json's status (completed, assertions_failed, failed, aborted, interrupted,
 *     running), or "unreadable" when run.json could not be read
 * @param planLoads the offered load (or users) of each planned step, from run.json
 * @param problems why figures are missing: an unreadable file, too few steps
 * @param searchEnd run.json's {@code search.status} for a capacity search; empty for a staircase
 */
public record RunSummary(
        String runId,
        Path dir,
        String status,
        String message,
        String startedAt,
        RunEnvironment environment,
        SizingRequest.SloTarget slo,
        List<Double> planLoads,
        List<MeasuredStep> steps,
        HeadlineFigures figures,
        Optional<Recommendation> recommendation,
        List<FindingRecord> findings,
        String sizingStatus,
        List<String> problems,
        Optional<SearchEnd> searchEnd) {

    public static final String COMPLETED = "completed";
    public static final String ASSERTIONS_FAILED = "assertions_failed";

    /** A finding of the run's sizing, by its stable code. */
    public record FindingRecord(String code, String severity, String message) {
        public boolean isError() {
            return "ERROR".equals(severity);
        }
    }

    public RunSummary {
        planLoads = List.copyOf(planLoads);
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
        searchEnd = searchEnd == null ? Optional.empty() : searchEnd;
    }

    /** Reads {@code dir}: run.json, steps.csv and, when written, sizing.json. */
    public static RunSummary read(Path dir) {
        List<String> problems = new ArrayList<>();
        JsonNode run = readJson(dir.resolve("run.json"), problems);
        String runId = run.path("run_id").asText(dir.getFileName().toString());
        RunEnvironment env = RunEnvironment.of(run);
        RunJson.Scenario scenario = RunJson.scenario(run);
        SizingRequest.SloTarget slo = SizingRequest.SloTarget.ofMillis(
                orNaN(scenario.slo().p95Ms()),
                orNaN(scenario.slo().p99Ms()),
                orNaN(scenario.slo().errorRatio()));
        List<Double> plan =
                scenario.plan().stream().map(step -> orNaN(step.offered())).toList();
        List<MeasuredStep> steps = List.of();
        Path csv = dir.resolve("steps.csv");
        try {
            steps = StepsTable.read(csv);
        } catch (InputException e) {
            problems.add(String.join("; ", e.problems()));
        }
        JsonNode sizing = Files.isRegularFile(dir.resolve("sizing.json"))
                ? readJson(dir.resolve("sizing.json"), problems)
                : Json.MAPPER.createObjectNode();
        List<FindingRecord> findings = new ArrayList<>();
        sizing.path("findings")
                .forEach(f -> findings.add(new FindingRecord(
                        f.path("code").asText(),
                        f.path("severity").asText(),
                        f.path("message").asText())));
        // a status this reader does not know is left unread: the history lists every run, it never fails on one
        Optional<SearchEnd> searchEnd =
                SearchEnd.fromJson(run.path("search").path("status").asText(""));
        HeadlineFigures figures = steps.isEmpty()
                ? HeadlineFigures.none()
                : HeadlineFigures.of(steps, slo, ReferenceLoad.middle(plan), searchEnd);
        return new RunSummary(
                runId,
                dir,
                run.isMissingNode() ? "unreadable" : run.path("status").asText("unknown"),
                run.path("message").asText(""),
                run.path("started_at").asText(""),
                env,
                slo,
                plan,
                steps,
                figures,
                Recommendation.of(sizing),
                findings,
                run.path("sizing").path("status").asText("absent"),
                problems,
                searchEnd);
    }

    /** The same run with its per-request figures read at another load. */
    public RunSummary atReference(double load) {
        HeadlineFigures f = steps.isEmpty() ? HeadlineFigures.none() : HeadlineFigures.of(steps, slo, load, searchEnd);
        return new RunSummary(
                runId,
                dir,
                status,
                message,
                startedAt,
                environment,
                slo,
                planLoads,
                steps,
                f,
                recommendation,
                findings,
                sizingStatus,
                problems,
                searchEnd);
    }

    /**
     * Whole measurements: completed, or completed with a scenario assertion that did not hold. A
     * search has no fixed plan to have measured in full: its trials are what it chose to run.
     */
    public boolean measuredInFull() {
        return (status.equals(COMPLETED) || status.equals(ASSERTIONS_FAILED))
                && steps.size() >= StepsTable.MIN_STEPS
                && (planLoads.isEmpty() || isSearch() || steps.size() == planLoads.size());
    }

    /**
     * Whether the run was a capacity search: its rows are trials at rates the search chose, in trial
     * order, so they cannot be set step by step beside another run's.
     */
    public boolean isSearch() {
        return searchEnd.isPresent() || StepRole.anySearchTrial(steps);
    }

    /** Whether no step was marked invalid: a run the host never limited, fit to measure noise on. */
    public boolean allStepsValid() {
        return !steps.isEmpty() && steps.stream().allMatch(MeasuredStep::valid);
    }

    /** A baseline must be a run that completed and held its assertions. */
    public boolean usableAsBaseline() {
        return status.equals(COMPLETED) && measuredInFull();
    }

    /** Why this run cannot be compared, or empty. */
    public Optional<String> whyIncomplete() {
        if (measuredInFull()) return Optional.empty();
        if (!status.equals(COMPLETED) && !status.equals(ASSERTIONS_FAILED))
            return Optional.of("run " + runId + " is " + status + (message.isEmpty() ? "" : " (" + message + ")"));
        if (!problems.isEmpty()) return Optional.of("run " + runId + ": " + String.join("; ", problems));
        return Optional.of("run " + runId + " measured " + steps.size() + " of " + planLoads.size() + " steps");
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static JsonNode readJson(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file.getFileName() + " is missing");
            return Json.MAPPER.missingNode();
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(file.getFileName() + " is not readable JSON: " + e.getMessage());
            return Json.MAPPER.missingNode();
        }
    }
}
