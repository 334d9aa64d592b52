package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.metrics.AppMemory;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SizingInputsTest {
    private static final AppMemory.Reading RSS = new AppMemory.Reading(200e6, AppMemory.Source.PROC_VMRSS);
    private static final AppMemory.Reading NO_MEMORY = new AppMemory.Reading(Double.NaN, AppMemory.Source.NONE);

    /** Found on this host: pid, VmRSS, affinity. */
    private static final SizingInputs.Found FOUND = new SizingInputs.Found(RSS, "proc", OptionalDouble.of(2));

    /** Not found (a container's published port), with a Micrometer endpoint that has CPU but no memory meter. */
    private static final SizingInputs.Found ENDPOINT_CPU_ONLY =
            new SizingInputs.Found(NO_MEMORY, "endpoint", OptionalDouble.empty());

    private static Optional<SizingInputs.Request> request(double memoryMib, boolean testHost) {
        return Optional.of(new SizingInputs.Request("sizing/own.yaml", true, memoryMib, testHost));
    }

    @Test
    void aProcessFoundOnThisHostGivesEverythingAPlanNeeds() {
        assertThat(SizingInputs.missing(FOUND, request(Double.NaN, false))).isEmpty();
        assertThat(SizingInputs.missing(FOUND, Optional.empty())).isEmpty();
    }

    @Test
    void whatWasNotFoundIsNamedWithTheRequestFieldThatStandsInForIt() {
        var missing = SizingInputs.missing(ENDPOINT_CPU_ONLY, request(Double.NaN, false));
        assertThat(missing).hasSize(2);
        assertThat(missing.get(0)).contains("memory").contains("sizing/own.yaml: replica.memory_mib");
        assertThat(missing.get(1)).contains("sizing/own.yaml: test_host.equivalent_instance_type");
    }

    @Test
    void theRequestsFieldsStandInForWhatCannotBeMeasured() {
        assertThat(SizingInputs.missing(ENDPOINT_CPU_ONLY, request(512, true))).isEmpty();
        assertThat(SizingInputs.missing(ENDPOINT_CPU_ONLY, request(512, false)))
                .singleElement()
                .asString()
                .contains("test_host.equivalent_instance_type");
        // the JVM's committed memory is a source: no replica.memory_mib is needed
        var jvm = new SizingInputs.Found(
                new AppMemory.Reading(3e8, AppMemory.Source.JVM_MEMORY_COMMITTED), "endpoint", OptionalDouble.of(1));
        assertThat(SizingInputs.missing(jvm, request(Double.NaN, false))).isEmpty();
    }

    @Test
    void noCpuFiguresAtAllCannotBeStoodInForByTheRequest() {
        var nothing = new SizingInputs.Found(NO_MEMORY, "none", OptionalDouble.empty());
        var missing = SizingInputs.missing(nothing, request(512, true));
        assertThat(missing).singleElement().asString().contains("-Dheadroom.target.metrics");
        // without a request file the message still says which field a request would need
        assertThat(SizingInputs.missing(nothing, Optional.empty()).get(0))
                .contains("the sizing request: replica.memory_mib");
    }
}
