package dev.headroom.cli;

import dev.headroom.compare.NoiseSources;
import dev.headroom.input.InputException;
import dev.headroom.input.InputRanges;
import dev.headroom.report.SizingJob;
import dev.headroom.sizing.Finding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom size <run-dir|steps.csv>}: from measured steps to a plan, a report and Terraform variables. */
@Command(
        name = "size",
        mixinStandardHelpOptions = true,
        description =
                "Size a service from a run directory or a steps.csv: writes sizing.json, capacity.auto.tfvars.json,"
                        + " report.html, report.md (and Kubernetes manifests for eks).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the sizing was written",
            "1:written, with findings at or above --fail-on",
            "2:bad input (nothing written)",
            "3:the sizer itself failed (nothing written over earlier outputs)"
        })
final class SizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "<run-dir|steps.csv>",
            description = "A Headroom run directory or any steps.csv.")
    Path input;

    @Option(
            names = "--request",
            paramLabel = "sizing.yaml",
            description = "The sizing request (see scenarios/sizing/).")
    Path request;

    @Option(
            names = "--current-plan",
            paramLabel = "plan.yaml",
            description = "A plan to check: instance_type, max_replicas, pool_size, db_class, db_max_connections.")
    Path currentPlan;

    @Option(
            names = "--prices",
            paramLabel = "prices.yaml",
            description = "A price table for the region (RDS, Fargate and EKS prices are never built in).")
    Path prices;

    @Option(names = "--platform", description = "eks, ec2-asg or ecs-fargate (default: the request's, else eks).")
    String platform;

    @Option(names = "--region", description = "AWS region code (default: the request's, else us-east-1).")
    String region;

    @Option(names = "--peak-rps", description = "Peak load to carry, requests per second.")
    Double peakRps;

    @Option(
            names = "--slo-p95-ms",
            description = "p95 latency SLO in milliseconds (default: the request's, else the scenario's).")
    Double sloP95Ms;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output directory (default: the run directory, or the steps.csv's directory).")
    Path out;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            description = "Exit 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES}.")
    Finding.Severity failOn;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Optional<String> badFlag = InputRanges.flagProblem("--peak-rps", peakRps, InputRanges.PEAK_RPS)
                .or(() -> InputRanges.flagProblem("--slo-p95-ms", sloP95Ms, InputRanges.LATENCY_MS));
        if (badFlag.isPresent()) return bad(stderr, badFlag.get());
        SizingJob.Outcome outcome;
        try {
            outcome = SizingJob.run(new SizingJob.Job(
                    input,
                    Optional.ofNullable(request),
                    Optional.ofNullable(currentPlan),
                    Optional.ofNullable(prices),
                    Optional.ofNullable(platform),
                    Optional.ofNullable(region),
                    peakRps == null ? Double.NaN : peakRps,
                    sloP95Ms == null ? Double.NaN : sloP95Ms,
                    Optional.ofNullable(out),
                    // a run's own directory, or the one holding its steps.csv: the spread of its runs
                    NoiseSources.runToRun(
                            java.nio.file.Files.isDirectory(input)
                                    ? input
                                    : input.toAbsolutePath().getParent())));
        } catch (InputException e) {
            stderr.println("headroom size: bad input, nothing written:");
            e.problems().forEach(p -> stderr.println("  " + p));
            return Main.EXIT_BAD_INPUT;
        } catch (RuntimeException e) {
            // A defect, not the user's input: say so, and keep it apart from the codes CI acts on.
            stderr.println("headroom size: the sizer failed, nothing written over earlier outputs: " + e);
            return Main.EXIT_SIZER_FAILED;
        }
        print(outcome, stdout);
        if (failOn != null
                && outcome.sizing().findings().stream()
                        .anyMatch(f -> f.severity().compareTo(failOn) >= 0)) {
            return Main.EXIT_FINDINGS;
        }
        return 0;
    }

    private static int bad(PrintWriter err, String problem) {
        err.println("headroom size: bad input, nothing written:\n  " + problem);
        return Main.EXIT_BAD_INPUT;
    }

    static void print(SizingJob.Outcome o, PrintWriter out) {
        out.print(SizingJob.summary(o.sizing()));
        out.println("written: " + o.written().size() + " files in " + o.outDir());
    }
}
