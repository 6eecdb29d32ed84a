package io.baton.loadtool.scenario;

import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.metrics.Metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What scenarios share during one run: the API client, the metrics and notes for the report. */
public final class RunContext {
    private final ApiClient api;
    private final int clients;
    private final Duration requestTimeout;
    private final List<String> notes = new ArrayList<>();

    public RunContext(ApiClient api, int clients, Duration requestTimeout) {
        this.api = api;
        this.clients = clients;
        this.requestTimeout = requestTimeout;
    }

    public ApiClient api() {
        return api;
    }

    public Metrics metrics() {
        return api.metrics();
    }

    public int clients() {
        return clients;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Adds a line to the report and prints it at once, so setup trouble is visible while a run goes on.
     * A note already made is not repeated.
     */
    public void note(String note) {
        synchronized (notes) {
            if (notes.contains(note)) {
                return;
            }
            notes.add(note);
        }
        System.err.println("baton-load: " + note);
    }

    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    /** A short description of a failed answer for notes: status and the start of the body. */
    public static String describe(io.baton.loadtool.http.ApiResponse response) {
        if (response.status() == 0) {
            return response.outcome();
        }
        String body = response.body().isMissingNode() ? ""
                : response.body().isTextual() ? response.body().asText() : response.body().toString();
        body = body.replaceAll("\\s+", " ").trim();
        return response.status() + (body.isEmpty() ? "" : " " + (body.length() > 120 ? body.substring(0, 120) + "..." : body));
    }
}
