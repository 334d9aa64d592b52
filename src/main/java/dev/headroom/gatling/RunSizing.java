package dev.headroom.gatling;

import dev.headroom.compare.NoiseSources;
import dev.headroom.load.LoadRun;
import dev.headroom.report.SizingJob;
import dev.headroom.results.RunJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * After a run measured in full: the sizer on its steps, with the run's sizing request, recorded in
 * run.json ({@code sizing}). Its failure is reported, never fatal: the measured steps are already on
 * disk and stay valid.
 */
final class RunSizing {
    /** What a run without a sizing request still gets, and what it does not (scenarios/sizing/README.md). */
    static final String DEFAULT_REQUEST = "the scenario's SLO, eks in us-east-1: capacity, the knee, demand and the"
            + " bottleneck are written; plans need a peak (peak.rps in a sizing request)";

    private RunSizing() {}

    /**
     * {@code request} empty, or naming no file: the run is sized with the default request (no peak),
     * so capacity, the knee, demand and the bottleneck are still written and the missing peak is
     * stated ({@code PEAK_NOT_GIVEN}); {@code whyNone} says in run.json why there was no request.
     */
    static void size(Path runDir, Optional<Path> request, String whyNone, RunJournal journal) {
        Map<String, Object> record = new LinkedHashMap<>();
        Optional<Path> file = request.filter(Files::isRegularFile);
        if (file.isPresent()) {
            record.put("request", file.get().toString());
        } else {
            String why = request.map(p -> whyNone + " (no " + p + ")").orElse(whyNone);
            record.put("request", "none: the default request (no peak), " + DEFAULT_REQUEST);
            record.put("why_default", why);
            LoadRun.say("sizing with the default request: " + why + "; " + DEFAULT_REQUEST);
        }
        try {
            SizingJob.Outcome o =
                    SizingJob.run(SizingJob.Job.of(runDir, file).withRunToRun(NoiseSources.runToRun(runDir)));
            record.put("status", "written");
            record.put(
                    "files",
                    o.written().stream()
                            // the sizer writes absolute paths; the results folder may be given relative
                            .map(p -> runDir.toAbsolutePath()
                                    .relativize(p.toAbsolutePath())
                                    .toString())
                            .toList());
            record.put(
                    "findings",
                    o.sizing().findings().stream()
                            .map(f -> f.code().name())
                            .distinct()
                            .toList());
            LoadRun.say(
                    "sizing:\n" + SizingJob.summary(o.sizing()) + "report: " + runDir.resolve(SizingJob.REPORT_HTML));
        } catch (RuntimeException e) {
            record.put("status", "failed");
            record.put("message", String.valueOf(e.getMessage()));
            LoadRun.say("sizing failed (the measured steps are unaffected): " + e.getMessage());
        }
        journal.set("sizing", record);
    }
}
