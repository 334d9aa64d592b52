package dev.headroom.gatling;

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
    private RunSizing() {}

    /** {@code request} empty: no sizing was asked for ({@code why} says so in run.json). */
    static void size(Path runDir, Optional<Path> request, String whyNone, RunJournal journal) {
        Map<String, Object> record = new LinkedHashMap<>();
        if (request.isEmpty()) {
            record.put("status", "skipped");
            record.put("message", whyNone);
            LoadRun.say("sizing skipped: " + whyNone);
            journal.set("sizing", record);
            return;
        }
        record.put("request", request.get().toString());
        if (!Files.isRegularFile(request.get())) {
            record.put("status", "skipped");
            record.put("message", whyNone);
            LoadRun.say("sizing skipped: no " + request.get());
            journal.set("sizing", record);
            return;
        }
        try {
            SizingJob.Outcome o = SizingJob.run(SizingJob.Job.of(runDir, request.get()));
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
