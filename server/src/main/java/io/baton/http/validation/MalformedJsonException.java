package io.baton.http.validation;

/** A request body that is not valid JSON, described the way Python's json decoder describes it. */
public final class MalformedJsonException extends Exception {
    private final int position;
    private final String decoderMessage;
    private final String rawText;

    MalformedJsonException(int position, String decoderMessage, String rawText) {
        super(decoderMessage + " (char " + position + ")", null, false, false);
        this.position = position;
        this.decoderMessage = decoderMessage;
        this.rawText = rawText;
    }

    /** Character offset into the body text where decoding failed. */
    public int position() {
        return position;
    }

    /** Decoder message without position, e.g. {@code Expecting value}. */
    public String decoderMessage() {
        return decoderMessage;
    }

    /** The body text, echoed back as {@code request_body}. */
    public String rawText() {
        return rawText;
    }
}
