package io.baton.domain;

/** The result of a get-or-create: the object and whether this call created it (201) or found it (200). */
public record Upserted<T>(T value, boolean created) {}
