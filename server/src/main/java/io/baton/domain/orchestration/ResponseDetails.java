package io.baton.domain.orchestration;

/** The {@code details} of an orchestration result, discriminated on the wire by {@link #type()}. */
public sealed interface ResponseDetails {

    String type();

    record Accept() implements ResponseDetails {
        public String type() {
            return "accept_details";
        }
    }

    record Reject(String reason) implements ResponseDetails {
        public String type() {
            return "reject_details";
        }
    }

    /** {@code delaySeconds} is whole seconds: the client contract is an integer. */
    record Wait(long delaySeconds, String reason) implements ResponseDetails {
        public String type() {
            return "wait_details";
        }
    }

    record Abort(String reason) implements ResponseDetails {
        public String type() {
            return "abort_details";
        }
    }

    ResponseDetails ACCEPT = new Accept();
}
