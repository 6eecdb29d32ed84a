package io.baton.domain.block;

import java.time.Instant;
import java.util.UUID;

/** A kind of block (Secret, S3 Bucket, ...): its name, unique slug and documentation. */
public record BlockType(UUID id, Instant created, Instant updated, String name, String slug, String logoUrl,
        String documentationUrl, String description, String codeExample, boolean isProtected) {

    /** Prefect reserves names starting with "prefect" (any case) for its own block types. */
    public static boolean isReservedName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).startsWith("prefect");
    }
}
