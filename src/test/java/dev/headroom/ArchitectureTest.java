package dev.headroom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the flow of the data, scenario -> load -> service -> metrics -> results ->
 * sizing -> input -> report -> history -> compare -> cli, and depend only downstream of themselves,
 * so each can be read, tested and reused alone. Two packages serve the flow from the side: {@code
 * yaml}, the line-keeping YAML reader every input file goes through, and {@code lab}, which starts
 * the service under test. The sizing model depends on nothing but the JDK and Hipparchus.
 *
 * <p>Every package has a rule here, and {@link #everyPackageHasARule} fails for a new one that has
 * none.
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
    void everyPackageHasARule() {
        java.util.Set<String> found = new java.util.TreeSet<>();
        MAIN.forEach(c -> {
            String[] parts = c.getPackageName().split("\\.");
            if (parts.length > 2) found.add(parts[2]);
        });
        org.assertj.core.api.Assertions.assertThat(RULED)
                .as("every package under dev.headroom needs a rule in this test (and a package-info.java)")
                .containsAll(found);
    }

    @Test
    void theYamlReaderKnowsNoHeadroomPackage() {
        onlyDependsOn("yaml");
        noClasses()
                .that()
                .resideInAPackage("dev.headroom.yaml..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", "org.yaml.snakeyaml..", "dev.headroom.yaml..")
                .check(MAIN);
    }

    @Test
    void scenarioReadsItsFileThroughTheYamlReader() {
        onlyDependsOn("scenario", "yaml");
    }

    @Test
    void metricsReadsOnlyTheScenarioAndJudgesWithTheModelsSloRule() {
        // sizing: CapacityAnalysis.verdict, the one SLO rule; the model depends on nothing, so no cycle.
        onlyDependsOn("metrics", "scenario", "sizing");
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
    void theInputReadersTurnFilesIntoTheModel() {
        // scenario: SearchPhase, the one owner of steps.csv's phase names.
        onlyDependsOn("input", "sizing", "results", "yaml", "scenario");
    }

    @Test
    void theReportSizesWhatTheInputReadersReadAndWritesItsOutputs() {
        // yaml: a sizing job turns the YAML reader's problems into its own InputException.
        onlyDependsOn("report", "input", "sizing", "results", "yaml");
    }

    @Test
    void theHistoryReadsRunDirectoriesAndTheReportsFigures() {
        // scenario: LoadModel, the load axis a run was measured on (req/s or users).
        onlyDependsOn("history", "input", "report", "sizing", "results", "scenario");
    }

    @Test
    void theComparisonJudgesTheHistoryAndKnowsNothingOfTheLab() {
        onlyDependsOn("compare", "history", "input", "report", "sizing", "results", "scenario", "yaml");
    }

    @Test
    void theCommandLineDrivesTheReportTheModelAndTheNightlyComparison() {
        onlyDependsOn("cli", "input", "report", "sizing", "results", "history", "compare");
    }

    @Test
    void theServiceUnderTestKnowsNothingOfTheHarness() {
        onlyDependsOn("service");
    }

    /**
     * The packages under dev.headroom, each with its rule in this test. {@code load} and {@code
     * gatling} get theirs beside the public Gatling API (issue 11).
     */
    private static final java.util.List<String> RULED = java.util.List.of(
            "yaml",
            "scenario",
            "gatling",
            "load",
            "service",
            "lab",
            "metrics",
            "results",
            "sizing",
            "input",
            "report",
            "history",
            "compare",
            "cli");

    /** Classes of {@code pkg} use no other Headroom package than {@code allowed}. */
    private static void onlyDependsOn(String pkg, String... allowed) {
        String[] forbidden = RULED.stream()
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
