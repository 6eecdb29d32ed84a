package io.baton.loadtool.http;

/** Status and undecoded body bytes (gzip already undone) of one HTTP answer. */
record RawResponse(int status, byte[] body) {
}
