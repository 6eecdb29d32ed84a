package io.baton.http;

/** What a handler answers: a status and a body serialized as JSON (none for 204). */
public record Reply(int status, Object body) {

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    public static Reply created(Object body) {
        return new Reply(201, body);
    }

    /** 201 when the call created the object, 200 when it found an existing one. */
    public static Reply createdOrOk(boolean created, Object body) {
        return new Reply(created ? 201 : 200, body);
    }

    public static Reply noContent() {
        return new Reply(204, null);
    }

    /** A status with an empty body (not even {@code null}), as FastAPI answers a 204 route that set another status. */
    public static Reply empty(int status) {
        return new Reply(status, NO_BODY);
    }

    static final Object NO_BODY = new Object();
}
