package io.baton.storage;

import io.baton.domain.admin.CsrfToken;
import java.time.Duration;

/** CSRF tokens, one per client identifier. */
public interface CsrfTokenStore {

    /** Issues (or replaces) the token of {@code client}, valid for {@code ttl}; purges expired tokens. */
    CsrfToken issue(String client, Duration ttl);

    boolean isValid(String client, String token);
}
