package dev.headroom.sizing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The sizing model stands alone so it can be tested and reused without the harness: the JDK and
 * its math library (Hipparchus) only; file formats are read in {@code report}. Until
 * ArchitectureTest lists {@code sizing}, this keeps that true.
 */
class SizingIndependenceTest {

    @Test
    void sizingDependsOnTheJdkAndItsMathLibraryOnly() {
        JavaClasses sizing = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.headroom.sizing");

        classes()
                .that()
                .resideInAPackage("dev.headroom.sizing..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.headroom.sizing..", "java..", "org.hipparchus..")
                .check(sizing);
    }
}
