package io.baton.http.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.BatonServer;
import io.baton.http.fuzz.FuzzRequests.FuzzRequest;
import io.baton.http.fuzz.FuzzRequests.InputClass;
import io.baton.http.fuzz.FuzzRequests.Operation;
import io.baton.testing.DbKind;
import io.baton.testing.RawHttp;
import io.baton.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Malformed requests generated from {@code openapi.json} against a real in-process server on each database:
 * every operation with every class of bad input (exhaustively), then random combinations with random salts. Any
 * 5xx fails, any 2xx to a request the contract and the documented limits make invalid fails, and the server must
 * be healthy afterwards. Fixed seeds; a longer run is documented in {@code docs/input-limits.md}.
 */
class OpenApiFuzzTest {

    private static final long SEED = 20261208L;
    private static final FuzzRequests REQUESTS = new FuzzRequests();
    private static final Map<DbKind, BatonServer> SERVERS = new EnumMap<>(DbKind.class);

    /** Fresh servers: the fuzzer creates objects that tests counting a shared server's objects must not see. */
    private static synchronized BatonServer server(DbKind db) {
        return SERVERS.computeIfAbsent(db, kind -> TestServers.fresh(kind, UnaryOperator.identity()));
    }

    @AfterContainer
    static void serversAreHealthyAfterwards() {
        try {
            for (Map.Entry<DbKind, BatonServer> entry : SERVERS.entrySet()) {
                try (RawHttp http = new RawHttp(entry.getValue().port())) {
                    http.send("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                    RawHttp.Response health = http.read();
                    assertThat(health.status()).as("health on %s after fuzzing", entry.getKey()).isEqualTo(200);
                    assertThat(health.body()).isEqualTo("true");
                }
            }
        } finally {
            SERVERS.values().forEach(BatonServer::close);
            SERVERS.clear();
        }
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 50_000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void everyOperationWithEveryInputClass(@ForAll DbKind db, @ForAll("operations") Operation op,
                                           @ForAll InputClass input) {
        check(db, op, input, SEED ^ (31L * op.toString().hashCode() + input.ordinal()));
    }

    /** Random combinations with random salts; {@code -Djqwik.tries.default=N} runs longer (see docs). */
    @Property(seed = "" + SEED, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void randomCombinations(@ForAll DbKind db, @ForAll("operations") Operation op, @ForAll InputClass input,
                            @ForAll long salt) {
        check(db, op, input, salt);
    }

    @Provide
    Arbitrary<Operation> operations() {
        return Arbitraries.of(REQUESTS.operations());
    }

    private static void check(DbKind db, Operation op, InputClass input, long salt) {
        FuzzRequest request = REQUESTS.build(op, input, new Random(salt));
        RawHttp.Response response = send(server(db).port(), request);
        String what = db + " " + op + " with " + input + " as " + request.method() + " "
                + abbreviate(request.target()) + ": " + response.status() + " " + abbreviate(response.body());
        assertThat(response.status()).as("answered: %s", what).isBetween(100, 499);
        if (request.invalid()) {
            assertThat(response.status()).as("accepted invalid input: %s", what).isGreaterThanOrEqualTo(300);
        }
    }

    private static RawHttp.Response send(int port, FuzzRequest request) {
        try (RawHttp http = new RawHttp(port)) {
            String head = request.method() + " " + request.target() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\nContent-Type: " + request.contentType() + "\r\n"
                    + "Content-Length: " + request.body().length + "\r\n\r\n";
            try {
                http.send(head.getBytes(StandardCharsets.ISO_8859_1)).send(request.body());
            } catch (java.io.UncheckedIOException refusedWhileSending) {
                // The server may answer (414, 431, 413) and close before a large request is fully sent.
                RawHttp.Response early = http.read();
                boolean large = head.length() + request.body().length > 64 * 1024;
                return early.status() == -1 && large ? new RawHttp.Response(499, java.util.Map.of(), "closed") : early;
            }
            return http.read();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }
}
