package dev.headroom.load;

import dev.headroom.lab.LabException;
import dev.headroom.lab.LabSettings;
import dev.headroom.scenario.ClosedLoad;
import dev.headroom.scenario.Endpoint;
import dev.headroom.scenario.OpenLoad;
import dev.headroom.scenario.Scenario;
import dev.headroom.scenario.SearchLoad;
import dev.headroom.scenario.SettledWarmup;
import dev.headroom.scenario.StepPlan;
import java.util.Locale;

/**
 * What is checked and said before a run starts: nothing is started and nothing is written, so a
 * mistake is reported, and a wrong target can still be stopped with Ctrl-C, before any load is sent.
 */
public final class Preflight {
    private Preflight() {}

    /** Checks that the settings and the scenario make a run; throws {@link LabException} saying why not. */
    public static void check(LabSettings settings, Scenario scenario) {
        ServerMetrics.check(settings);
        if (scenario.mix().getOrDefault(Endpoint.GET_ORDER, 0) > 0
                && scenario.seed().orders() == 0) {
            throw new LabException(scenario.source() + ": mix.get_order needs seed.orders >= 1 (orders to read)");
        }
        if (scenario.ownService() && settings.database() instanceof LabSettings.External) {
            throw new LabException(scenario.source() + ": -Dheadroom.db seeds the reference service's schema;"
                    + " a scenario of your own requests (requests:) runs against your data as it is: remove"
                    + " -Dheadroom.db");
        }
        if (scenario.ownService() && settings.target().isEmpty()) {
            throw new LabException(scenario.source() + ": this scenario lists your own service's requests"
                    + " (requests:); say where the service is with -Dheadroom.target=http://127.0.0.1:PORT");
        }
    }

    /** Says what will be sent, and where, before anything is started. */
    public static void announce(LabSettings settings, Scenario scenario) {
        LoadRun.say("scenario " + scenario.name() + " (" + scenario.source() + ", sha256 "
                + scenario.sha256().substring(0, 12) + "): " + describeLoad(scenario));
        LoadRun.say("target: "
                + settings.target().map(Object::toString).orElse("the lab's reference service on loopback")
                + (settings.remoteTargetAllowed() && settings.target().isPresent() ? " (remote targets allowed)" : "")
                + "; highest rate: " + highestRate(scenario));
    }

    static String describeLoad(Scenario s) {
        if (s.load() instanceof SearchLoad search) {
            String warmup = describeWarmup(search.settledWarmup().orElseThrow());
            return String.format(
                    Locale.ROOT,
                    "capacity search: warm-up rising to at most %.0f req/s %s, then"
                            + " trials from %s doubling up to %.0f req/s, bisected to %.0f %%, confirmed and repeated"
                            + " %d times at full length (%.0f s trials); at most %d trials, %.0f s of load",
                    search.warmupRps(),
                    warmup,
                    Double.isNaN(search.startRps())
                            ? "the warm-up's last rate"
                            : String.format(Locale.ROOT, "%.0f req/s", search.startRps()),
                    search.maxRps(),
                    search.precision() * 100,
                    search.repeats(),
                    search.fullTrialS(),
                    search.maxTrials(),
                    search.totalDurationS());
        }
        var plan = s.load().plan();
        double highest = plan.stream().mapToDouble(StepPlan::offered).max().orElse(0);
        String unit = " " + s.load().model().loadUnit();
        String warmup = s.load()
                .settledWarmup()
                .map(w -> String.format(
                        Locale.ROOT,
                        " with the warm-up at its bound; a warm-up to %.0f req/s %s, then the steps on one"
                                + " arrival schedule",
                        w.rps(),
                        describeWarmup(w)))
                .orElse("");
        return String.format(
                Locale.ROOT,
                "%s model, %d steps, highest offered load %.0f%s, %s%.0f s of load%s",
                s.load().model().key(),
                plan.size(),
                highest,
                unit,
                s.load().paced() ? "about " : "",
                s.load().totalDurationS(),
                warmup);
    }

    /** How long a settled warm-up may take, and whether it can settle at all in that time. */
    private static String describeWarmup(SettledWarmup w) {
        double settleS = SearchDriver.shortestSettleS(w);
        return w.maxS() >= settleS
                ? String.format(Locale.ROOT, "until steady (at most %.0f s)", w.maxS())
                : String.format(
                        Locale.ROOT,
                        "for %.0f s, too short to settle (the rises and two blocks of windows at the top take"
                                + " %.0f s: load.warmup_max_s), so it will end never_settled",
                        w.maxS(),
                        settleS);
    }

    /**
     * The most Headroom will send. In the open model that is the top step's arrival rate; in the
     * closed model the users' think time bounds it, or without think time only the service's speed.
     */
    static String highestRate(Scenario s) {
        if (s.load() instanceof ClosedLoad closed) {
            int users = Math.max(
                    closed.warmupUsers(),
                    s.load().plan().stream()
                            .mapToInt(p -> (int) p.offered())
                            .max()
                            .orElse(0));
            if (closed.thinkTimeS() > 0) {
                return String.format(
                        Locale.ROOT,
                        "at most %.0f req/s (%d users, each pausing %.1f s between requests)",
                        users / closed.thinkTimeS(),
                        users,
                        closed.thinkTimeS());
            }
            return users + " users sending back to back (closed model, no think time): as fast as the service"
                    + " answers, with at most " + users + " requests in flight";
        }
        if (s.load() instanceof SearchLoad search)
            return String.format(Locale.ROOT, "%.0f req/s (a search's max_rps)", search.maxRps());
        return String.format(Locale.ROOT, "%.0f req/s (open model)", ((OpenLoad) s.load()).highestRps());
    }
}
