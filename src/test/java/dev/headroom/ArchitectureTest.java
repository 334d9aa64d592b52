package dev.headroom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the flow of the data, scenario -> load -> service -> metrics -> results ->
 * sizing -> report -> history -> compare -> cli, and depend only downstream of themselves, so each can be read, tested and
 * reused alone. The sizing model depends on nothing but the JDK and Hipparchus.
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

    /** The run does not size itself: run -> size is chained above it, in the public API (dev.headroom.gatling). */
    @Test
    void theLoadDoesNotCallTheReport() {
        noClasses()
                .that()
                .resideInAPackage("dev.headroom.load..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.headroom.report..")
                .check(MAIN);
    }

    /** The public Gatling API is the top of the load's side: nothing in Headroom's main code depends on it. */
    @Test
    void nothingDependsOnThePublicGatlingApi() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.headroom.gatling..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.headroom.gatling..")
                .check(MAIN);
    }

    @Test
    void sizingIsPureModel() {
        onlyDependsOn("sizing");
        noClasses()
                .that()
                .resideInAPackage("dev.headroom.sizing..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", "org.hipparchus..", "dev.headroom.sizing..")
                .check(MAIN);
    }

    @Test
    void theReportReadsFilesIntoTheModelAndWritesItsOutputs() {
        onlyDependsOn("report", "sizing", "results", "scenario");
    }

    @Test
    void theHistoryReadsRunDirectoriesThroughTheReport() {
        onlyDependsOn("history", "report", "sizing", "results");
    }

    @Test
    void theComparisonJudgesTheHistoryAndKnowsNothingOfTheLab() {
        onlyDependsOn("compare", "history", "report", "sizing", "results", "scenario");
    }

    @Test
    void theCommandLineDrivesTheReportTheModelAndTheNightlyComparison() {
        onlyDependsOn("cli", "report", "sizing", "results", "history", "compare");
    }

    @Test
    void theServiceUnderTestKnowsNothingOfTheHarness() {
        onlyDependsOn("service");
    }

    /** Classes of {@code pkg} use no other Headroom package than {@code allowed}. */
    private static void onlyDependsOn(String pkg, String... allowed) {
        String[] forbidden = java.util.stream.Stream.of(
                        "scenario",
                        "load",
                        "service",
                        "lab",
                        "metrics",
                        "results",
                        "sizing",
                        "report",
                        "history",
                        "compare",
                        "cli")
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
