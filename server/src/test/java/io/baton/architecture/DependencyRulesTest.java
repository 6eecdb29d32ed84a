package io.baton.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.junit.jupiter.api.Test;

/**
 * Which way the server's dependencies may point: {@code app} wires everything; {@code http} and the background
 * jobs use storage interfaces and the domain; the domain depends on nothing of Baton but {@code json}.
 *
 * <p>Rules the code does not meet yet are frozen ({@link FreezingArchRule}): the violations known when the rule
 * was written are stored in {@code src/test/resources/archunit-store/} and tolerated, any new one fails the
 * build, and a violation that is fixed leaves the store on the next run. The README's "Architecture rules"
 * section says how to re-freeze on purpose.
 */
class DependencyRulesTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.baton");

    @Test
    void domainDependsOnNothingOfBatonButJson() {
        check(classes().that().resideInAPackage("io.baton.domain..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.baton..")
                        .or(resideInAnyPackage("io.baton.domain..", "io.baton.json.."))));
    }

    @Test
    void jsonDependsOnNothingOfBaton() {
        check(classes().that().resideInAPackage("io.baton.json..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.baton..")
                        .or(resideInAPackage("io.baton.json.."))));
    }

    @Test
    void nothingBelowHttpDependsOnIt() {
        check(noClasses().that().resideInAnyPackage("io.baton.domain..", "io.baton.storage..", "io.baton.events..",
                        "io.baton.services..", "io.baton.logs..", "io.baton.tasks..")
                .should().dependOnClassesThat().resideInAPackage("io.baton.http.."));
    }

    @Test
    void storageNeverDependsOnBackgroundJobs() {
        check(noClasses().that().resideInAPackage("io.baton.storage..")
                .should().dependOnClassesThat().resideInAPackage("io.baton.services.."));
    }

    @Test
    void httpNeverDependsOnTheJdbcImplementation() {
        checkFrozen(noClasses().that().resideInAPackage("io.baton.http..")
                .should().dependOnClassesThat().resideInAPackage("io.baton.storage.jdbc.."));
    }

    @Test
    void onlyAppWiresTheJdbcImplementation() {
        checkFrozen(noClasses().that(not(resideInAnyPackage("io.baton.app..", "io.baton.storage.jdbc..")))
                .should().dependOnClassesThat().resideInAPackage("io.baton.storage.jdbc.."));
    }

    @Test
    void nothingDependsOnTheWiring() {
        checkFrozen(noClasses().that().resideOutsideOfPackage("io.baton.app..")
                .should().dependOnClassesThat().resideInAPackage("io.baton.app.."));
    }

    @Test
    void eventsDoNotDependOnStorage() {
        checkFrozen(noClasses().that().resideInAPackage("io.baton.events..")
                .should().dependOnClassesThat().resideInAPackage("io.baton.storage.."));
    }

    @Test
    void storageDoesNotDependOnEvents() {
        checkFrozen(noClasses().that().resideInAPackage("io.baton.storage..")
                .should().dependOnClassesThat().resideInAPackage("io.baton.events.."));
    }

    private static void check(ArchRule rule) {
        rule.check(SERVER);
    }

    private static void checkFrozen(ArchRule rule) {
        FreezingArchRule.freeze(rule).check(SERVER);
    }
}
