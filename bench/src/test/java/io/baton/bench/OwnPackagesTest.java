package io.baton.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmarks add no class to the server's packages: what they need of the server is public there. */
class OwnPackagesTest {

    @Test
    void everyClassLivesUnderBench() {
        classes().should().resideInAPackage("io.baton.bench..")
                .check(new ClassFileImporter().importPath(Path.of("target", "classes")));
    }
}
