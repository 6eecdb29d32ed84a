package io.baton.testing;

/** The databases every storage and API test runs on. */
public enum DbKind { SQLITE, POSTGRES }
