package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LabSettingsTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) p.setProperty(keyValues[i], keyValues[i + 1]);
        return p;
    }

    @Test
    void defaultsAreTheEmbeddedLabAndTheDefaultScenario() {
        LabSettings s = LabSettings.from(props("user.dir", "/x", "gatling.foo", "bar"));
        assertThat(s.scenario()).isEqualTo("default");
        assertThat(s.database()).isInstanceOf(LabSettings.Embedded.class);
        assertThat(s.target()).isEmpty();
        assertThat(s.cpuBudget(OptionalDouble.of(1.0))).hasValue(1.0);
    }

    @Test
    void aTypoInAHeadroomPropertyIsRefusedWithTheAcceptedKeys() {
        assertThatThrownBy(() -> LabSettings.from(props("headroom.scenarios", "quick")))
                .hasMessageContaining("-Dheadroom.scenarios: unknown setting")
                .hasMessageContaining("headroom.scenario,");
    }

    @Test
    void loadGoesToLoopbackOnly() {
        assertThat(LabSettings.from(props("headroom.target", "http://127.0.0.1:8080"))
                        .target())
                .isPresent();
        assertThat(LabSettings.from(props("headroom.target", "http://[::1]:8080"))
                        .target())
                .isPresent();
        assertThat(LabSettings.from(props("headroom.target", "http://localhost:8080"))
                        .target())
                .isPresent();
        assertThatThrownBy(() -> LabSettings.from(props("headroom.target", "http://192.0.2.10:8080")))
                .hasMessageContaining("192.0.2.10 is not a loopback address");
        assertThatThrownBy(() -> LabSettings.from(props("headroom.target", "ftp://127.0.0.1/")))
                .hasMessageContaining("accepted: an http:// or https:// URL");
        assertThatThrownBy(() -> LabSettings.from(props(
                        "headroom.target", "http://127.0.0.1:8080", "headroom.target.metrics", "http://10.1.1.1/m")))
                .hasMessageContaining("10.1.1.1 is not a loopback address");
    }

    @Test
    void aRemoteTargetNeedsTheExplicitOptIn() {
        assertThat(LabSettings.from(props("headroom.target", "http://127.0.0.1:8080"))
                        .remoteTargetAllowed())
                .isFalse();
        assertThatThrownBy(() -> LabSettings.from(props("headroom.target", "http://192.0.2.10:8080")))
                .hasMessageContaining("-Dheadroom.allow.remote=true");
        // parsed only: nothing is sent from a unit test
        LabSettings allowed =
                LabSettings.from(props("headroom.target", "http://192.0.2.10:8080", "headroom.allow.remote", "true"));
        assertThat(allowed.target())
                .hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("192.0.2.10"));
        assertThat(allowed.remoteTargetAllowed()).isTrue();
        assertThatThrownBy(() -> LabSettings.from(
                        props("headroom.target", "http://192.0.2.10:8080", "headroom.allow.remote", "yes")))
                .hasMessageContaining("-Dheadroom.allow.remote=yes: accepted: true or false");
    }

    @Test
    void aTargetTakesTheJdbcUrlOfItsDatabaseToSeedButNoLabDatabase() {
        LabSettings compose = LabSettings.from(props(
                "headroom.target", "http://127.0.0.1:8080", "headroom.db", "jdbc:mysql://127.0.0.1:3306/headroom"));
        assertThat(compose.database()).isInstanceOf(LabSettings.External.class);
        assertThatThrownBy(() ->
                        LabSettings.from(props("headroom.target", "http://127.0.0.1:8080", "headroom.db", "embedded")))
                .hasMessageContaining("-Dheadroom.db=embedded has no effect with -Dheadroom.target")
                .hasMessageContaining("jdbc:mysql://127.0.0.1:3306/headroom");
    }

    @Test
    void theCpuBudgetIsANumberOrNoneAndOverridesTheScenario() {
        assertThat(LabSettings.from(props("headroom.cpus", "0.5")).cpuBudget(OptionalDouble.of(1.0)))
                .hasValue(0.5);
        assertThat(LabSettings.from(props("headroom.cpus", "none")).cpuBudget(OptionalDouble.of(1.0)))
                .isEmpty();
        assertThatThrownBy(() -> LabSettings.from(props("headroom.cpus", "half")))
                .hasMessageContaining("-Dheadroom.cpus=half")
                .hasMessageContaining("or none");
        assertThatThrownBy(() -> LabSettings.from(props("headroom.cpus", "0"))).hasMessageContaining("above 0");
    }

    @Test
    void theDatabaseIsEmbeddedTestcontainersOrAJdbcUrl() {
        assertThat(LabSettings.from(props("headroom.db", "testcontainers")).database())
                .isInstanceOf(LabSettings.Testcontainers.class);
        assertThat(LabSettings.from(props("headroom.db", "jdbc:mysql://127.0.0.1:3306/x", "headroom.db.user", "app"))
                        .database())
                .isEqualTo(new LabSettings.External("jdbc:mysql://127.0.0.1:3306/x", "app", ""));
        assertThatThrownBy(() -> LabSettings.from(props("headroom.db", "postgres")))
                .hasMessageContaining("accepted: embedded, testcontainers");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(
                        () -> LabSettings.from(props("headroom.cpus", "x", "headroom.db", "y", "headroom.nope", "z")))
                .hasMessageContaining("headroom.cpus=x")
                .hasMessageContaining("headroom.db=y")
                .hasMessageContaining("headroom.nope");
    }

    @Test
    void aSlowerBuildIsAWholeNumberOfMicrosecondsForTheLabsOwnServiceOnly() {
        assertThat(LabSettings.from(props()).serviceExtraCpuUsPerOrder()).isZero();
        assertThat(LabSettings.from(props("headroom.service.extra-cpu-us-per-order", "5000"))
                        .serviceExtraCpuUsPerOrder())
                .isEqualTo(5000);
        assertThatThrownBy(() -> LabSettings.from(props("headroom.service.extra-cpu-us-per-order", "5ms")))
                .hasMessageContaining("-Dheadroom.service.extra-cpu-us-per-order=5ms")
                .hasMessageContaining("from 0 to 1000000");
        assertThatThrownBy(() -> LabSettings.from(props(
                        "headroom.service.extra-cpu-us-per-order", "10", "headroom.target", "http://127.0.0.1:8080")))
                .hasMessageContaining("reference service only");
    }

    @Test
    void theCalibrationIsOnUnlessTurnedOff() {
        assertThat(LabSettings.from(props()).calibrate()).isTrue();
        assertThat(LabSettings.from(props("headroom.calibration", "off")).calibrate())
                .isFalse();
        assertThatThrownBy(() -> LabSettings.from(props("headroom.calibration", "no")))
                .hasMessageContaining("-Dheadroom.calibration=no: accepted: on or off");
    }
}
