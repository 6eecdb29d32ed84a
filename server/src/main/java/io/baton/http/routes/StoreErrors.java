package io.baton.http.routes;

import io.baton.http.ApiException;
import io.baton.storage.ObjectConflictException;
import io.baton.storage.ObjectNotFoundException;
import java.util.function.Supplier;

/** Turns the stores' domain refusals into Prefect's {@code {"detail": ...}} answers. */
final class StoreErrors {

    private StoreErrors() {}

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (ObjectNotFoundException e) {
            throw ApiException.detail(404, e.getMessage());
        } catch (ObjectConflictException e) {
            throw ApiException.detail(409, e.getMessage());
        }
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
