package io.baton.loadtool;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The load tool add no class to the server's packages: what they need of the server is public there. */
class OwnPackagesTest {

    @Test
    void everyClassLivesUnderLoadtool() {
        classes().should().resideInAPackage("io.baton.loadtool..")
                .check(new ClassFileImporter().importPath(Path.of("target", "classes")));
    }
}
