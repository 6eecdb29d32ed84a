package io.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which operations of the contract answered a 2xx that {@link ApiClient} validated, per database, over one
 * test run: the proof that every route has a test whose response conforms on SQLite and PostgreSQL.
 * A 204 (no body) counts once a test received it.
 */
public final class ContractCoverage {

    /** Responses from a server whose database is unknown (a client built from a bare URL). */
    private static final int UNKNOWN = DbKind.values().length;

    private static final Map<String, AtomicLongArray> VALIDATED = new ConcurrentHashMap<>();

    private ContractCoverage() {}

    /** Counts a validated 2xx response of {@code route}; {@code db} is null when unknown. */
    static void record(Contract.Route route, DbKind db) {
        VALIDATED.computeIfAbsent(key(route.method(), route.template()), k -> new AtomicLongArray(UNKNOWN + 1))
                .incrementAndGet(db == null ? UNKNOWN : db.ordinal());
    }

    public static String key(String method, String template) {
        return method + " " + template;
    }

    /** Validated responses of one operation on one database ({@code null}: database unknown). */
    public static long count(String operation, DbKind db) {
        AtomicLongArray counts = VALIDATED.get(operation);
        return counts == null ? 0 : counts.get(db == null ? UNKNOWN : db.ordinal());
    }

    /** Every operation of the contract, in schema order. */
    public static List<String> operations() {
        return Contract.get().routes().stream()
                .sorted(java.util.Comparator.comparing(Contract.Route::template).thenComparing(Contract.Route::method))
                .map(r -> key(r.method(), r.template()))
                .distinct()
                .toList();
    }

    /** Operations not validated on every database; none when the contract is fully covered. */
    public static List<String> gaps() {
        List<String> gaps = new ArrayList<>();
        for (String op : operations()) {
            for (DbKind db : DbKind.values()) {
                if (count(op, db) == 0) {
                    gaps.add(op);
                    break;
                }
            }
        }
        return gaps;
    }

    /**
     * Allowed gaps from {@code contract-coverage-exceptions.txt} on the test classpath: one operation per
     * line ({@code METHOD /template  reason}), {@code #} comments; operation mapped to its reason.
     */
    public static Map<String, String> exceptions() {
        Map<String, String> out = new LinkedHashMap<>();
        try (var in = ContractCoverage.class.getResourceAsStream("/contract-coverage-exceptions.txt")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] parts = text.split("\\s+", 3);
                String op = parts.length >= 2 ? key(parts[0], parts[1]) : text;
                out.put(op, parts.length == 3 ? parts[2].strip() : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The report: every operation with its validated responses per database, then the gaps. */
    public static String report() {
        List<String> operations = operations();
        List<String> gaps = gaps();
        Map<String, String> exceptions = exceptions();
        long both = operations.size() - gaps.size();
        StringBuilder out = new StringBuilder();
        out.append("# 2xx responses validated against openapi.json, per operation and database\n");
        out.append("# operations: ").append(operations.size())
                .append(", validated on every database: ").append(both);
        for (DbKind db : DbKind.values()) {
            out.append(", on ").append(db).append(": ")
                    .append(operations.stream().filter(op -> count(op, db) > 0).count());
        }
        out.append('\n');
        int width = operations.stream().mapToInt(String::length).max().orElse(10) + 2;
        out.append(String.format("%-" + width + "s", "# operation"));
        for (DbKind db : DbKind.values()) {
            out.append(String.format("%10s", db));
        }
        out.append(String.format("%10s%n", "unknown"));
        for (String op : operations) {
            out.append(String.format("%-" + width + "s", op));
            for (DbKind db : DbKind.values()) {
                out.append(String.format("%10d", count(op, db)));
            }
            out.append(String.format("%10d%n", count(op, null)));
        }
        out.append("\n# not validated on every database (").append(gaps.size()).append(")\n");
        for (String op : gaps) {
            out.append(op);
            for (DbKind db : DbKind.values()) {
                if (count(op, db) == 0) {
                    out.append("  no ").append(db);
                }
            }
            String reason = exceptions.get(op);
            out.append(reason == null ? "  NOT EXCEPTED" : "  excepted: " + reason).append('\n');
        }
        return out.toString();
    }

    /** Writes {@link #report()} to {@code file}. */
    public static void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report());
    }
}
