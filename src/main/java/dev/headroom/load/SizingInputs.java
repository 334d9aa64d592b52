package dev.headroom.load;

import dev.headroom.input.InputException;
import dev.headroom.input.RequestFile;
import dev.headroom.lab.Lab;
import dev.headroom.lab.LabException;
import dev.headroom.lab.LabSettings;
import dev.headroom.lab.OwnProcess;
import dev.headroom.metrics.AppMemory;
import dev.headroom.metrics.ProcCpu;
import dev.headroom.metrics.PrometheusText;
import dev.headroom.metrics.ServerSampler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Before any load is sent to a service Headroom did not start: will the run measure what a plan
 * needs of it? A plan needs the service's memory (to place replicas on nodes), its CPU over time
 * (CPU per request) and the CPU it had while tested (the utilization at which the SLO held). When
 * the sizing request asks for a plan (it gives a peak) and one of these can be neither measured nor
 * read from the request, the run is refused here, naming the request's field to add, rather than
 * told after the load that no plan is made. Without a request, or without a peak, the run goes on
 * (capacity, knee, demand and bottleneck need none of it) and what is missing is said.
 */
final class SizingInputs {
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);

    private SizingInputs() {}

    /**
     * What was found before the load.
     *
     * @param memory where {@code app_memory_mib_max} will come from, and its value now
     * @param cpuUsage where the service's CPU over time will come from: {@code proc} (its pid),
     *     {@code endpoint} (its metrics endpoint), or {@code none}
     * @param cpuBudgetCores the CPU the service may use (its cgroup quota or affinity); empty when unknown
     */
    record Found(AppMemory.Reading memory, String cpuUsage, OptionalDouble cpuBudgetCores) {}

    /**
     * What the sizing request says about the figures the run may not measure.
     *
     * @param file the request file, for the message
     * @param asksForPlan whether it gives a peak
     * @param replicaMemoryMib its {@code replica.memory_mib}, NaN when not given
     * @param declaresTestHost whether it gives {@code test_host.equivalent_instance_type}, whose vCPUs
     *     the sizer takes as the test's CPU budget when the run recorded none
     */
    record Request(String file, boolean asksForPlan, double replicaMemoryMib, boolean declaresTestHost) {
        static Request of(RequestFile.RequestFields f) {
            return new Request(f.source(), f.asksForPlan(), f.replicaMemoryMib(), f.testHostType() != null);
        }
    }

    /**
     * Checks a run against a service at a URL and returns what run.json records under {@code
     * sizing_inputs}; empty for the lab's own service (Headroom started it, so it knows its pid and
     * applied its budget).
     *
     * @throws LabException when a plan is asked for and cannot be made; no load has been sent
     */
    static Optional<Map<String, Object>> check(LabSettings settings, Lab lab, Consumer<String> say) {
        Optional<OwnProcess> own = lab.ownProcess();
        if (own.isEmpty()) return Optional.empty();
        Lab.Target target = lab.target();
        double procRss = target.appPid().isPresent()
                ? ProcCpu.residentBytes(target.appPid().getAsLong()).orElse(Double.NaN)
                : Double.NaN;
        PrometheusText scrape = target.prometheusUrl().map(SizingInputs::scrape).orElse(PrometheusText.parse(""));
        String cpuUsage = target.appPid().isPresent()
                ? "proc"
                : Double.isNaN(ServerSampler.appCpuSeconds(scrape)) ? "none" : "endpoint";
        Found found = new Found(
                AppMemory.read(procRss, scrape), cpuUsage, own.get().cpuBudget().appliedCpus());
        Optional<Request> request = settings.sizingRequest().map(SizingInputs::read);
        List<String> missing = missing(found, request);

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("memory_source", found.memory().source().key());
        facts.put("memory_source_words", found.memory().source().words());
        if (!Double.isNaN(found.memory().bytes()))
            facts.put("memory_mib_before_load", found.memory().mib());
        facts.put("cpu_usage_source", found.cpuUsage());
        facts.put(
                "cpu_budget_cores",
                found.cpuBudgetCores().isPresent() ? found.cpuBudgetCores().getAsDouble() : "unknown");
        facts.put("request", request.map(Request::file).orElse("none"));
        facts.put("plan_asked", request.map(Request::asksForPlan).orElse(false));
        facts.put("missing", missing);
        if (missing.isEmpty()) {
            say.accept("your service's memory: " + found.memory().source().words() + "; its CPU: "
                    + found.cpuUsage() + "; its CPU budget: "
                    + (found.cpuBudgetCores().isPresent()
                            ? String.format(
                                    Locale.ROOT,
                                    "%.2f cores",
                                    found.cpuBudgetCores().getAsDouble())
                            : "unknown"));
            return Optional.of(facts);
        }
        if (request.map(Request::asksForPlan).orElse(false)) {
            throw new LabException(request.get().file() + " asks for a plan (it gives a peak), but this run"
                    + " could not make one:\n  " + String.join("\n  ", missing) + "\nNo load was sent.");
        }
        say.accept("WARNING: no plan can be made from this run, only capacity, knee, demand and bottleneck: "
                + String.join("; ", missing));
        return Optional.of(facts);
    }

    /**
     * What a plan would lack, each with the way to supply it; empty when nothing is lacking. Only a
     * request that gives a peak asks for a plan, but every lack is listed, so a run without one can
     * say what a plan would need.
     */
    static List<String> missing(Found found, Optional<Request> request) {
        String file = request.map(Request::file).orElse("the sizing request");
        List<String> missing = new ArrayList<>();
        if (found.memory().source() == AppMemory.Source.NONE
                && request.map(r -> Double.isNaN(r.replicaMemoryMib())).orElse(true)) {
            missing.add("the service's memory: its process was not found on this host and its metrics endpoint"
                    + " (if any) has neither process_resident_memory_bytes nor jvm_memory_committed_bytes; add "
                    + file + ": replica.memory_mib (MiB per replica)");
        }
        if (found.cpuBudgetCores().isEmpty()
                && !request.map(Request::declaresTestHost).orElse(false)) {
            missing.add("the CPU the service had while tested: its process was not found, so neither its cgroup"
                    + " quota nor its affinity could be read; add " + file + ": test_host.equivalent_instance_type"
                    + " (the EC2 type whose vCPUs the service had; replica.cpu_cores alone does not do: the"
                    + " utilization at which the SLO held is measured against the tested CPU)");
        }
        if (found.cpuUsage().equals("none")) {
            missing.add("the service's CPU: its process was not found and it has no metrics endpoint with"
                    + " process_cpu_seconds_total or process_cpu_time_ns_total; give -Dheadroom.target.metrics,"
                    + " or run the service on this host as this user (no sizing request field stands in for it)");
        }
        return missing;
    }

    private static Request read(Path file) {
        try {
            return Request.of(RequestFile.read(file));
        } catch (InputException e) {
            throw new LabException("the sizing request " + file + " is not valid:\n  "
                    + String.join("\n  ", e.problems()) + "\nNo load was sent.");
        }
    }

    /** One scrape of the service's metrics endpoint; empty when it does not answer 200. */
    private static PrometheusText scrape(URI url) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(SCRAPE_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(SCRAPE_TIMEOUT)
                            .header("Accept", "text/plain;version=0.0.4")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return PrometheusText.parse(r.statusCode() == 200 ? r.body() : "");
        } catch (IOException e) {
            return PrometheusText.parse("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PrometheusText.parse("");
        }
    }
}
