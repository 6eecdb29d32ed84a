package io.baton.domain;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifier minting: UUIDv7 (time-ordered) for runs, states, logs and events; UUIDv4 otherwise. */
public final class Ids {


    private Ids() {}

    public static UUID uuid4() {
        return UUID.randomUUID();
    }

    /** A UUIDv7: 48 bits of Unix milliseconds, then random bits, so ids sort by creation time. */
    public static UUID uuid7() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

}
