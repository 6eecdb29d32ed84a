package io.baton.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Mints time-ordered UUIDv7 ids (RFC 9562): 48-bit Unix millis, version 7, 12-bit sequence, variant, 62 random bits. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis = -1;
    private static int sequence;

    private Ids() {}

    /** A random UUIDv4, for objects that are not time series (flows, deployments, pools...). */
    public static UUID uuid4() {
        return UUID.randomUUID();
    }

    public static UUID uuid7() {
        return uuid7(System.currentTimeMillis());
    }

    public static UUID uuid7(Instant at) {
        return uuid7(at.toEpochMilli());
    }

    /** The instant a UUIDv7 was minted for (its 48-bit millisecond timestamp). */
    public static Instant instantOf(UUID uuid7) {
        return Instant.ofEpochMilli(uuid7.getMostSignificantBits() >>> 16);
    }

    /**
     * A UUIDv7 of {@code millis} with its other bits from {@code random}: for generated bulk data, where a
     * seeded source makes the data reproducible and no lock is taken. Ids of the same millisecond are not
     * ordered among themselves.
     */
    public static UUID uuid7(long millis, RandomGenerator random) {
        long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | random.nextInt(0x1000);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /**
     * Ids minted in the same millisecond stay strictly ordered: the 12-bit rand_a field is a counter
     * that starts at a random value below 2048; on overflow the timestamp is advanced by one millisecond. Small
     * clock steps backwards (under a second) are absorbed the same way.
     */
    private static synchronized UUID uuid7(long millis) {
        if (millis < lastMillis - 1000) {
            // An explicitly older instant (fixed clocks, back-dated records) keeps its own timestamp.
            return build(millis, RANDOM.nextInt(0x1000));
        }
        if (millis <= lastMillis) {
            millis = lastMillis;
            sequence++;
            if (sequence > 0xFFF) {
                millis++;
                sequence = RANDOM.nextInt(0x800);
            }
        } else {
            sequence = RANDOM.nextInt(0x800);
        }
        lastMillis = millis;
        return build(millis, sequence);
    }

    private static UUID build(long millis, int sequence) {
        long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (sequence & 0xFFF);
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
