package dev.headroom.service;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service is the system under test and runs in its own JVM on the runtime classpath: it must
 * not reach into the harness that measures it.
 */
class ServiceIndependenceTest {

    @Test
    void theServiceDependsOnNoOtherHeadroomPackage() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.headroom");

        noClasses()
                .that()
                .resideInAPackage("dev.headroom.service..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("dev.headroom..").and(not(resideInAPackage("dev.headroom.service.."))))
                .check(classes);
    }
}
