package dev.headroom.cli;

import dev.headroom.input.InputException;
import dev.headroom.report.SystemJob;
import dev.headroom.sizing.Finding;
import dev.headroom.sizing.system.SystemSizing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom system <system.yaml>}: size several services together, with what they share. */
@Command(
        name = "system",
        mixinStandardHelpOptions = true,
        description = "Size a system of services sharing node groups and databases: writes system-sizing.json,"
                + " system.auto.tfvars.json, report.html, report.md (and Kubernetes manifests per service for eks).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the sizing was written",
            "1:written, with findings at or above --fail-on",
            "2:bad input (nothing written)",
            "3:the sizer itself failed (nothing written over earlier outputs)"
        })
final class SystemCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<system.yaml>", description = "The system file (see scenarios/systems/).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: the system file's).")
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
        SystemJob.Outcome outcome;
        try {
            outcome = SystemJob.run(file, Optional.ofNullable(out));
        } catch (InputException e) {
            stderr.println("headroom system: bad input, nothing written:");
            e.problems().forEach(p -> stderr.println("  " + p));
            return Main.EXIT_BAD_INPUT;
        } catch (RuntimeException e) {
            stderr.println("headroom system: the sizer failed, nothing written over earlier outputs: " + e);
            return Main.EXIT_SIZER_FAILED;
        }
        print(outcome.sizing(), stdout);
        stdout.println("written: " + outcome.written().size() + " files in " + outcome.outDir());
        if (failOn != null
                && outcome.sizing().allFindings().stream()
                        .anyMatch(f -> f.severity().compareTo(failOn) >= 0)) return Main.EXIT_FINDINGS;
        return 0;
    }

    static void print(SystemSizing s, PrintWriter out) {
        s.services()
                .forEach(p -> out.printf(
                        "service %s: %s, replicas %d-%d (%d at peak), CPU target %.0f %%, pool %d%n",
                        p.name(),
                        p.planned() ? p.capacityType() : "no plan",
                        p.minReplicas(),
                        p.maxReplicas(),
                        p.replicasAtPeak(),
                        p.cpuTargetUtilization() * 100,
                        p.poolSize()));
        s.nodeGroups()
                .forEach(g -> out.printf(
                        "node group %s: %s, nodes %d-%d (%d at peak)%n",
                        g.name(),
                        g.instanceType().isEmpty() ? "none fits" : g.instanceType(),
                        g.nodesMin(),
                        g.nodesMax(),
                        g.nodesAtPeak()));
        s.databases()
                .forEach(d -> out.printf(
                        "database %s: %s %s%s, %d read replicas, %d connections of %s%n",
                        d.name(),
                        d.engine().key(),
                        d.dbClass().orElse("class not chosen"),
                        d.multiAz() ? " Multi-AZ" : "",
                        d.readReplicas(),
                        d.connectionsNeeded(),
                        d.maxConnections() == 0 ? "unknown" : String.valueOf(d.maxConnections())));
        out.printf(
                "cost: %s a month at the peak%n",
                Double.isNaN(s.totalUsdPerMonth()) ? "unknown" : String.format("%.2f USD", s.totalUsdPerMonth()));
        s.allFindings().forEach(f -> out.printf("%-7s %s: %s%n", f.severity(), f.code(), f.message()));
    }
}
