package dev.headroom.report;

import dev.headroom.input.CatalogFiles;
import dev.headroom.input.InputException;
import dev.headroom.input.PlanFile;
import dev.headroom.input.PriceFiles;
import dev.headroom.input.RequestFile;
import dev.headroom.input.RequestResolver;
import dev.headroom.input.RunRecord;
import dev.headroom.input.StepsTable;
import dev.headroom.results.Json;
import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.PriceTable;
import dev.headroom.sizing.RunToRun;
import dev.headroom.sizing.Sizer;
import dev.headroom.sizing.Sizing;
import dev.headroom.sizing.SizingRequest;
import dev.headroom.sizing.TestBed;
import dev.headroom.yaml.InputFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One sizing, from a run directory (or any steps.csv) to its outputs. Every input is read and
 * checked before anything is written, and the outputs are written into a scratch directory and
 * moved into place one by one, so bad input or a failed analysis never overwrites an earlier
 * sizing, and never touches the run's raw steps.
 */
public final class SizingJob {
    public static final String SIZING_JSON = "sizing.json";
    public static final String TFVARS = TfvarsWriter.FILE_NAME;
    public static final String REPORT_HTML = HtmlReport.FILE_NAME;
    public static final String REPORT_MD = MarkdownReport.FILE_NAME;

    /**
     * @param input a run directory or a steps.csv
     * @param request the sizing request file, if any
     * @param currentPlan a plan file overriding the request's current_plan
     * @param prices a price table overriding the request's
     * @param out where the outputs go; empty: the run directory, or the steps.csv's directory
     * @param runToRun how far runs of one build spread in capacity (compare/NoiseSources#runToRun):
     *     said beside the capacity as a finding; empty: nothing is said
     */
    public record Job(
            Path input,
            Optional<Path> request,
            Optional<Path> currentPlan,
            Optional<Path> prices,
            Optional<String> platform,
            Optional<String> region,
            double peakRps,
            double sloP95Ms,
            Optional<Path> out,
            Optional<RunToRun> runToRun) {
        /** A run directory sized with a request file and nothing overridden, as a finished run is. */
        public static Job of(Path input, Path request) {
            return of(input, Optional.of(request));
        }

        /** As {@link #of(Path, Path)}; no file: the default request (every field at its default, no peak). */
        public static Job of(Path input, Optional<Path> request) {
            return new Job(
                    input,
                    request,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Double.NaN,
                    Double.NaN,
                    Optional.empty(),
                    Optional.empty());
        }

        /** The same job with its outputs written to {@code dir}. */
        public Job withOut(Path dir) {
            return new Job(
                    input,
                    request,
                    currentPlan,
                    prices,
                    platform,
                    region,
                    peakRps,
                    sloP95Ms,
                    Optional.of(dir),
                    runToRun);
        }

        /** The same job, saying how far runs of one build spread in capacity. */
        public Job withRunToRun(Optional<RunToRun> r) {
            return new Job(input, request, currentPlan, prices, platform, region, peakRps, sloP95Ms, out, r);
        }
    }

    public record Outcome(Sizing sizing, Path outDir, List<Path> written) {}

    private SizingJob() {}

    public static Outcome run(Job job) {
        Path csv = Files.isDirectory(job.input()) ? job.input().resolve("steps.csv") : job.input();
        Path runDir = csv.toAbsolutePath().getParent();
        List<MeasuredStep> steps = StepsTable.read(csv);
        RunRecord run = RunRecord.in(runDir);
        RequestFile.RequestFields fields =
                job.request().map(RequestFile::read).orElseGet(RequestFile.RequestFields::new);
        Optional<PlanFile.PlanFields> plan = job.currentPlan().map(PlanFile::read);

        InstanceCatalog instances = CatalogFiles.instances();
        DbClassCatalog dbClasses = CatalogFiles.dbClasses();
        SizingRequest request = RequestResolver.resolve(
                fields,
                new RequestResolver.Overrides(job.platform(), job.region(), job.peakRps(), job.sloP95Ms(), plan),
                run,
                instances,
                dbClasses);
        TestBed bed = RequestResolver.testBed(run, fields, instances);
        PriceTable prices = prices(job, fields, request.region(), instances, dbClasses);

        Sizing measured =
                new Sizer(instances, dbClasses, prices).size(steps, bed, request, run.searchEnd(), run.warmup());
        Sizing sizing = job.runToRun()
                .flatMap(r -> r.finding(
                        measured.capacity().capacityAtSloRps(),
                        measured.capacity().search()))
                .map(measured::withFinding)
                .orElse(measured);
        Path out = job.out().orElse(runDir);
        String title = "Headroom sizing: " + (run.runId().isEmpty() ? csv.toString() : run.runId());
        return new Outcome(sizing, out, write(sizing, out, csv.toString(), title));
    }

    /** A few lines for the console: capacity, the USL, the recommendation and the findings. */
    public static String summary(Sizing s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "capacity at SLO: %s req/s, knee at concurrency %s, max throughput %s req/s%n",
                num(s.capacity().capacityAtSloRps()),
                num(s.capacity().kneeConcurrency()),
                num(s.capacity().maxThroughputRps())));
        s.usl()
                .ifPresent(u -> out.append(String.format(
                        "USL: sigma %.4g, kappa %.4g, lambda %.4g, R^2 %.3f%n",
                        u.model().sigma(), u.model().kappa(), u.model().lambda(), u.rSquared())));
        s.recommendation()
                .ifPresentOrElse(
                        p -> out.append(String.format(
                                "recommendation: %s, %d at peak (min %d, max %d), %d-%d replicas, CPU target %.0f %%, pool %d, %s, %s%n",
                                p.capacityType(),
                                p.nodesForPeak(),
                                p.nodesMin(),
                                p.nodesMax(),
                                p.minReplicas(),
                                p.maxReplicas(),
                                p.cpuTargetUtilization() * 100,
                                p.poolSize(),
                                Summary.dbClass(p),
                                Double.isNaN(p.cost().totalUsdPerMonth())
                                        ? "cost unknown"
                                        : String.format(
                                                "%.0f USD/month", p.cost().totalUsdPerMonth()))),
                        () -> out.append("recommendation: none (see the findings)\n"));
        s.bottleneck()
                .primary()
                .ifPresent(l -> out.append("limit: " + l.resource().code() + ": " + l.evidence() + "\n"));
        s.findings().forEach(f -> out.append(String.format("%-7s %s: %s%n", f.severity(), f.code(), f.message())));
        return out.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "not measured" : String.format("%.1f", v);
    }

    private static PriceTable prices(
            Job job, RequestFile.RequestFields f, String region, InstanceCatalog instances, DbClassCatalog dbClasses) {
        PriceTable built = CatalogFiles.builtInPrices(region);
        Optional<Path> file = job.prices().or(() -> Optional.ofNullable(f.prices())
                .map(p -> Path.of(f.source()).toAbsolutePath().getParent().resolve(p)));
        if (file.isEmpty()) return built;
        try {
            PriceTable user = PriceFiles.load(file.get(), instances, dbClasses);
            if (!user.region().equals(region))
                throw new InputException(file.get() + ": region: the prices are for " + user.region()
                        + " but the sizing is for " + region + "; give --region " + user.region()
                        + " or a price file for " + region);
            return built.overriddenBy(user);
        } catch (InputFileException e) {
            throw new InputException(e.problems().stream().map(Object::toString).toList());
        }
    }

    /** Writes every output to a scratch directory, then moves each into {@code out}. */
    static List<Path> write(Sizing sizing, Path out, String source, String title) {
        Path scratch = null;
        try {
            Files.createDirectories(out);
            scratch = Files.createTempDirectory(out, ".sizing-");
            Json.writeAtomically(scratch.resolve(SIZING_JSON), SizingJson.of(sizing, source));
            Map<String, Object> tfvars = TerraformVariables.of(sizing);
            if (!tfvars.isEmpty()) {
                TfvarsWriter.write(scratch, tfvars);
                KubernetesManifests.write(scratch, tfvars, KubernetesManifests.Workload.referenceService());
            }
            HtmlReport.write(sizing, title, scratch);
            MarkdownReport.write(sizing, title, scratch);
            List<Path> written = new ArrayList<>();
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    Path target = out.resolve(scratch.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    written.add(target);
                }
            }
            // No feasible plan: stale variables from an earlier sizing would feed Terraform a plan this one rejects.
            if (TerraformVariables.of(sizing).isEmpty()) Files.deleteIfExists(out.resolve(TFVARS));
            if (written.stream().noneMatch(p -> p.endsWith(KubernetesManifests.FILE)))
                Files.deleteIfExists(out.resolve(KubernetesManifests.FILE));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the sizing to " + out + ": " + e.getMessage(), e);
        } finally {
            if (scratch != null) deleteQuietly(scratch);
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
