package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PrometheusSettingTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) p.setProperty(keyValues[i], keyValues[i + 1]);
        return p;
    }

    private static PrometheusSetting read(String... keyValues) {
        return LabSettings.from(props(keyValues)).prometheus();
    }

    @Test
    void autoIsTheDefaultAndStartAndOffAreNamed() {
        assertThat(read()).isEqualTo(new PrometheusSetting.Auto());
        assertThat(read("headroom.prometheus", "start")).isEqualTo(new PrometheusSetting.Start());
        assertThat(read("headroom.prometheus", " OFF ")).isEqualTo(new PrometheusSetting.Off());
        assertThat(read("headroom.prometheus", "auto").describe()).isEqualTo("auto");
    }

    @Test
    void onlyAutoAndStartStartAPrometheusOfHeadroomsOwn() {
        assertThat(read().startsOwnPrometheus()).isTrue();
        assertThat(read("headroom.prometheus", "start").startsOwnPrometheus()).isTrue();
        assertThat(read("headroom.prometheus", "off").startsOwnPrometheus()).isFalse();
        assertThat(read("headroom.prometheus", "http://127.0.0.1:9090/").startsOwnPrometheus())
                .isFalse();
    }

    @Test
    void aUrlIsARunningPrometheusWithTheComposeJobAsDefaultSelector() {
        assertThat(read("headroom.prometheus", "http://127.0.0.1:9090/"))
                .isEqualTo(new PrometheusSetting.Existing(URI.create("http://127.0.0.1:9090"), "job=\"service\""));
        // querying is not load: another host is allowed, and a path prefix is kept
        assertThat(read("headroom.prometheus", "https://prom.example.org/prometheus"))
                .isEqualTo(new PrometheusSetting.Existing(
                        URI.create("https://prom.example.org/prometheus"), "job=\"service\""));
        assertThat(read(
                        "headroom.prometheus",
                        "http://127.0.0.1:9090",
                        "headroom.prometheus.selector",
                        "{job=\"orders\", instance=~\".*:8081\"}"))
                .isEqualTo(new PrometheusSetting.Existing(
                        URI.create("http://127.0.0.1:9090"), "job=\"orders\",instance=~\".*:8081\""));
    }

    @Test
    void aBadValueIsRefusedWithWhatIsAccepted() {
        for (String bad :
                new String[] {"yes", "127.0.0.1:9090", "ftp://127.0.0.1:9090", "http://", "http://h:9090/?x=1"}) {
            assertThatThrownBy(() -> read("headroom.prometheus", bad))
                    .as(bad)
                    .hasMessageContaining("-Dheadroom.prometheus=" + bad)
                    .hasMessageContaining("accepted: auto")
                    .hasMessageContaining("http://127.0.0.1:9090");
        }
    }

    @Test
    void theSelectorMustBeLabelMatchersAndGoesWithAUrlOnly() {
        assertThatThrownBy(() -> read(
                        "headroom.prometheus", "http://127.0.0.1:9090", "headroom.prometheus.selector", "job=service"))
                .hasMessageContaining("-Dheadroom.prometheus.selector=job=service")
                .hasMessageContaining("accepted: PromQL label matchers");
        assertThatThrownBy(() -> read(
                        "headroom.prometheus",
                        "http://127.0.0.1:9090",
                        "headroom.prometheus.selector",
                        "job=\"a\",,x=\"b\""))
                .hasMessageContaining("label matchers");
        // a comma inside a quoted value is part of the value
        assertThat(((PrometheusSetting.Existing) read(
                                "headroom.prometheus",
                                "http://127.0.0.1:9090",
                                "headroom.prometheus.selector",
                                "job!~\"a,b\""))
                        .selector())
                .isEqualTo("job!~\"a,b\"");
        assertThatThrownBy(() -> read("headroom.prometheus.selector", "job=\"service\""))
                .hasMessageContaining("applies only to a Prometheus you run");
    }

    @Test
    void startingPrometheusForYourOwnServiceNeedsItsMetricsEndpoint() {
        assertThatThrownBy(() -> read("headroom.target", "http://127.0.0.1:8080", "headroom.prometheus", "start"))
                .hasMessageContaining("-Dheadroom.prometheus=start needs a metrics endpoint")
                .hasMessageContaining("-Dheadroom.target.metrics");
        assertThat(read(
                        "headroom.target",
                        "http://127.0.0.1:8080",
                        "headroom.target.metrics",
                        "http://127.0.0.1:8081/actuator/prometheus",
                        "headroom.prometheus",
                        "start"))
                .isEqualTo(new PrometheusSetting.Start());
    }

    @Test
    void itsProblemsAreReportedWithTheOthers() {
        assertThatThrownBy(() -> read("headroom.prometheus", "maybe", "headroom.cpus", "x"))
                .hasMessageContaining("headroom.prometheus=maybe")
                .hasMessageContaining("headroom.cpus=x");
    }
}
