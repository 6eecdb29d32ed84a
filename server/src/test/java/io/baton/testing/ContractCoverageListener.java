package io.baton.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes {@code target/contract-coverage.txt} ({@link ContractCoverage#report()}) when the test session
 * closes, and follows which test classes the run holds and has finished, so that a coverage check can
 * tell a whole-suite run from a selection. Never fails the run: a report that cannot be written is a
 * warning.
 */
public final class ContractCoverageListener implements LauncherSessionListener, TestExecutionListener {

    /** Planned top-level test classes and the engine that runs each (jqwik's finish after Jupiter's). */
    private static final java.util.Map<String, String> PLANNED = new ConcurrentHashMap<>();
    private static final Set<String> FINISHED = ConcurrentHashMap.newKeySet();
    private static volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        for (TestIdentifier engine : testPlan.getRoots()) {
            for (TestIdentifier child : testPlan.getChildren(engine)) {
                String engineId = engine.getUniqueId();
                topLevelClass(child).ifPresent(c -> PLANNED.put(c, engineId));
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        TestPlan current = plan;
        if (current != null && current.getParent(identifier).map(p -> p.getParentId().isEmpty()).orElse(false)) {
            topLevelClass(identifier).ifPresent(FINISHED::add);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            ContractCoverage.write(targetDir().resolve("contract-coverage.txt"));
        } catch (IOException | RuntimeException e) {
            System.err.println("contract coverage report not written: " + e);
        }
    }

    /**
     * Whether this run holds every test class compiled into the test classes directory and all of them
     * that run on the same engine as {@code running} have finished: only then does the coverage registry describe
     * the whole suite. Classes of another engine (the property-based fuzz test) run after it and are left out.
     */
    public static boolean wholeSuiteFinishedExcept(Class<?> running) {
        Set<String> compiled = compiledTestClasses();
        String engine = PLANNED.get(running.getName());
        Set<String> others = compiled.stream()
                .filter(c -> !c.equals(running.getName()) && java.util.Objects.equals(PLANNED.get(c), engine))
                .collect(Collectors.toSet());
        return !compiled.isEmpty() && engine != null && PLANNED.keySet().containsAll(compiled)
                && FINISHED.containsAll(others);
    }

    private static java.util.Optional<String> topLevelClass(TestIdentifier identifier) {
        return identifier.getSource()
                .filter(ClassSource.class::isInstance)
                .map(s -> ((ClassSource) s).getClassName());
    }

    /** Every {@code *Test} class (not nested) under the directory this class was loaded from. */
    private static Set<String> compiledTestClasses() {
        Path root = classesDir();
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize)
                    .map(Path::toString)
                    .filter(name -> name.endsWith("Test.class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace(root.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static Path classesDir() {
        try {
            return Path.of(ContractCoverageListener.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code server/target}: the parent of the test classes directory. */
    private static Path targetDir() {
        return classesDir().getParent();
    }
}
