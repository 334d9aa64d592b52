package dev.headroom.gatling;

import dev.headroom.input.StepsTable;
import dev.headroom.load.LoadRun;
import dev.headroom.results.RunDirectory;
import dev.headroom.results.RunJournal;
import dev.headroom.scenario.Scenario;
import dev.headroom.scenario.StepPlan;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.ReferenceLoad;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** After a run measured in full: the scenario's assertions against the steps on disk, recorded in run.json. */
final class RunAssertions {
    private RunAssertions() {}

    /** Empty when the scenario asserts nothing. */
    static Optional<AssertionCheck.Outcome> check(Scenario scenario, Path runDir, RunJournal journal) {
        if (!scenario.assertions().any()) return Optional.empty();
        try {
            List<MeasuredStep> measured = StepsTable.read(runDir.resolve(RunDirectory.STEPS_CSV));
            // a search plans nothing ahead: its trials' rates, as measured, stand in for the plan
            List<Double> offered = scenario.load().plan().isEmpty()
                    ? measured.stream().map(MeasuredStep::offeredRps).toList()
                    : scenario.load().plan().stream().map(StepPlan::offered).toList();
            double middle = ReferenceLoad.middle(offered);
            AssertionCheck.Outcome o = AssertionCheck.check(scenario.assertions(), scenario.slo(), measured, middle);
            journal.set("assertions", o);
            for (AssertionCheck.Result r : o.results())
                LoadRun.say("assertion " + (r.held() ? "held" : "FAILED") + ": " + r.message());
            return Optional.of(o);
        } catch (RuntimeException e) {
            // the steps are on disk but unreadable as a table: the assertions cannot have held
            journal.set("assertions", Map.of("held", false, "message", String.valueOf(e.getMessage())));
            LoadRun.say("assertions could not be checked: " + e.getMessage());
            return Optional.of(new AssertionCheck.Outcome(false, Double.NaN, 0, List.of()));
        }
    }
}
