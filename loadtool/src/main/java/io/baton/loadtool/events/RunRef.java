package io.baton.loadtool.events;

/** Id and name of a flow or flow run that events point at as a related resource. */
public record RunRef(String id, String name) {
}
