package dev.headroom.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.history.RunFixture;
import dev.headroom.history.RunSummary;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparabilityTest {
    @TempDir
    Path results;

    private int n;

    private RunSummary run(UnaryOperator<RunFixture> how) {
        return RunSummary.read(how.apply(RunFixture.run("run-" + ++n)).writeIn(results));
    }

    private Comparability compare(UnaryOperator<RunFixture> other) {
        return Comparability.of(run(r -> r), run(other), Noise.none(), 0.95);
    }

    @Test
    void twoRunsOfOneSetupAreComparable() {
        Comparability c = compare(r -> r.commit("2222222222bbbbbbbbbb"));
        assertThat(c.comparable()).isTrue();
        assertThat(c.reasons()).isEmpty();
    }

    @Test
    void eachDifferenceOfSetupIsAReasonOfItsOwn() {
        Comparability c = compare(r -> r.scenario("nightly", "b".repeat(64))
                .budget(1.0)
                .database("mysql", "8.0.43")
                .pool(20)
                .host("AMD EPYC", 4));
        assertThat(c.comparable()).isFalse();
        assertThat(String.join("\n", c.reasons()))
                .contains("the scenario file changed")
                .contains("CPU budget 0.5 cores → 1 cores")
                .contains("database engine")
                .contains("database major version 11.4 → 8.0")
                .contains("connection pool size 10 → 20")
                .contains("host CPU count 2 → 4");
        assertThat(c.reasons()).hasSize(6);
    }

    @Test
    void theDatabaseIsTheHostsYardstickBesideAMovedCpuPerRequest() {
        // the fixture's steps cost the service 5 ms a request and the database a quarter of it, 1.25 ms.
        // A slower host: both 30 % dearer, 6.5 and 1.625 ms; the ratio 5 / 1.25 = 6.5 / 1.625 = 4.00
        Comparability host = compare(r -> r.costs(6.5, 2, 25));
        assertThat(host.comparable()).isTrue();
        assertThat(host.notes())
                .anyMatch(n -> n.startsWith("service CPU per request 5.000 → 6.500 ms (+30.0 %), database CPU per"
                                + " request 1.250 → 1.625 ms (+30.0 %): the service's CPU per database CPU 4.00 →"
                                + " 4.00 (+0.0 %)")
                        && n.contains("a host that got slower"));
        // a dearer service alone: the database stays at 1.25 ms (a share of 1.25 / 6.5 of the service's),
        // so the ratio moves as the service did: 6.5 / 1.25 = 5.20, +30 %
        Comparability build = compare(r -> r.costs(6.5, 2, 25).dbShare(1.25 / 6.5));
        assertThat(build.notes())
                .anyMatch(n -> n.contains("database CPU per request 1.250 → 1.250 ms (+0.0 %): the service's CPU per"
                        + " database CPU 4.00 → 5.20 (+30.0 %)"));
        // a faster host says so
        assertThat(compare(r -> r.costs(4, 2, 25)).notes())
                .anyMatch(n -> n.startsWith("service CPU per request 5.000 → 4.000 ms (-20.0 %)")
                        && n.contains("a host that got faster"));
        // under 5 %, nothing to explain: 5 -> 5.2 ms is +4 %
        assertThat(compare(r -> r.costs(5.2, 2, 25)).notes()).noneMatch(n -> n.contains("database CPU per request"));
        // another scenario is other database work a request: no yardstick between them
        Comparability other = compare(r -> r.costs(6.5, 2, 25).scenario("quick", "a".repeat(64)));
        assertThat(other.comparable()).isFalse();
        assertThat(other.notes()).noneMatch(n -> n.contains("database CPU per request"));
    }

    @Test
    void anotherScenarioIsNotComparable() {
        assertThat(compare(r -> r.scenario("quick", "a".repeat(64))).reasons())
                .anyMatch(s -> s.startsWith("scenario nightly → quick"));
    }

    @Test
    void aSlowerBuildAndADirtyTreeAreNotedButStillComparable() {
        Comparability c = compare(r -> r.extraCpuUs(3000).dirty());
        assertThat(c.comparable()).isTrue();
        assertThat(String.join("\n", c.notes()))
                .contains("deliberately slower build")
                .contains("3000 µs")
                .contains("uncommitted changes");
    }

    @Test
    void aRunThatDidNotCompleteIsNotComparable() {
        Comparability c = compare(r -> r.status("aborted"));
        assertThat(c.reasons()).anyMatch(s -> s.contains("is aborted"));
    }

    @Test
    void anotherCpuModelIsComparableOnlyAtTheSameSpeed() {
        assertThat(compare(r -> r.host("Intel Xeon", 2)).comparable()).isTrue();
        assertThat(compare(r -> r.host("Intel Xeon", 2).calibration(24_000, 24_000))
                        .reasons())
                .anyMatch(s -> s.contains("host CPU model AMD EPYC → Intel Xeon"));
    }

    @Test
    void aHostFarSlowerIsAnotherKindOfMachine() {
        Comparability c = compare(r -> r.host("Intel Xeon", 2).calibration(20_000, 20_000));
        assertThat(c.hostSpeedRatio()).isEqualTo(20_000.0 / 30_000);
        assertThat(c.reasons()).anyMatch(s -> s.contains("differ by more than 25 %"));
    }

    @Test
    void onTheSameCpuModelACalibrationThatMovedIsItsOwnNoiseAndNothingIsScaled() {
        // seen in CI: 28 905 then 41 652 ops per CPU second on one host, minutes apart
        Comparability c = compare(r -> r.calibration(43_300, 43_300));
        assertThat(c.comparable()).isTrue();
        assertThat(c.hostSpeedDiffers()).isFalse();
        assertThat(c.notes()).anyMatch(s -> s.contains("same CPU model") && s.contains("not scaled"));
    }

    @Test
    void aBusyHostIsNoted() {
        // 20 000 ops per wall second out of 30 000 per CPU second: the thread got two thirds of a CPU
        Comparability c = compare(r -> r.calibration(30_000, 20_000));
        assertThat(c.comparable()).isTrue();
        assertThat(c.hostSpeedDiffers()).isFalse();
        assertThat(c.notes()).anyMatch(s -> s.contains("was busy") && s.contains("67 %"));
    }
}
