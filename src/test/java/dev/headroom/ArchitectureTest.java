package dev.headroom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the flow of the data, scenario -> load -> service -> metrics -> results, and
 * depend only downstream of themselves, so each can be read, tested and reused alone.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.headroom");

    @Test
    void thePackagesHaveNoCycles() {
        slices().matching("dev.headroom.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void scenarioStandsAlone() {
        onlyDependsOn("scenario");
    }

    @Test
    void metricsReadsOnlyTheScenario() {
        onlyDependsOn("metrics", "scenario");
    }

    @Test
    void resultsWriteWhatMetricsMeasured() {
        onlyDependsOn("results", "metrics", "scenario");
    }

    @Test
    void theLabKnowsTheScenarioAndTheServiceItStarts() {
        onlyDependsOn("lab", "scenario", "service");
    }

    @Test
    void theServiceUnderTestKnowsNothingOfTheHarness() {
        onlyDependsOn("service");
    }

    /** Classes of {@code pkg} use no other Headroom package than {@code allowed}. */
    private static void onlyDependsOn(String pkg, String... allowed) {
        String[] forbidden = java.util.stream.Stream.of("scenario", "load", "service", "lab", "metrics", "results")
                .filter(p -> !p.equals(pkg) && !java.util.List.of(allowed).contains(p))
                .map(p -> "dev.headroom." + p + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage("dev.headroom." + pkg + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .check(MAIN);
    }
}
