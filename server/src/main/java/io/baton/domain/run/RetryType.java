package io.baton.domain.run;

/** {@code FlowRunPolicy.retry_type}; IN_PROCESS hides a retrying run from worker polling. */
public enum RetryType {
    IN_PROCESS("in_process"), RESCHEDULE("reschedule");

    private final String wire;

    RetryType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static RetryType fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (RetryType t : values()) {
            if (t.wire.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown retry_type: " + value);
    }
}
