package io.baton.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The reference pack and recordings beside the repository ({@code ../shared}). */
public final class SharedFiles {

    private SharedFiles() {}

    public static Path dir() {
        String configured = System.getProperty("baton.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("prefect-api"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find ../shared (set -Dbaton.shared.dir)");
    }

    public static Path recording(String name) {
        return dir().resolve("prefect-traffic").resolve(name);
    }
}
