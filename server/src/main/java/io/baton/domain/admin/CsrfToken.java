package io.baton.domain.admin;

import java.time.Instant;
import java.util.UUID;

/** A CSRF token issued to one client identifier. */
public record CsrfToken(UUID id, Instant created, Instant updated, String token, String client, Instant expiration) {}
