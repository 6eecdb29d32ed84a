package io.baton.domain.concurrency;

/** {@code concurrency} slots are held until released; {@code rate_limit} slots drain by decay. */
public enum AcquireMode {
    CONCURRENCY, RATE_LIMIT;

    public static AcquireMode fromWire(String value) {
        return "rate_limit".equals(value) ? RATE_LIMIT : CONCURRENCY;
    }
}
