package io.baton.domain.orchestration;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440-style version, enough to order client and API versions: release numbers plus an optional
 * pre-release ({@code dev < a < b < rc < final}). Local ({@code +...}) and post parts are ignored.
 */
public record PrefectVersion(List<Integer> release, int phase, int phaseNumber) implements Comparable<PrefectVersion> {

    private static final Pattern FORMAT =
            Pattern.compile("v?(\\d+(?:\\.\\d+)*)(?:[-_.]?(dev|a|alpha|b|beta|rc|c)[-_.]?(\\d*))?.*");
    private static final int FINAL = 4;

    public PrefectVersion {
        release = List.copyOf(release);
    }

    /** @return the parsed version or null when {@code text} is null or not a version */
    public static PrefectVersion parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        List<Integer> numbers = new ArrayList<>();
        for (String part : m.group(1).split("\\.")) {
            numbers.add(Integer.parseInt(part));
        }
        int phase = FINAL;
        if (m.group(2) != null) {
            phase = switch (m.group(2)) {
                case "dev" -> 0;
                case "a", "alpha" -> 1;
                case "b", "beta" -> 2;
                default -> 3;
            };
        }
        int number = m.group(3) == null || m.group(3).isEmpty() ? 0 : Integer.parseInt(m.group(3));
        return new PrefectVersion(numbers, phase, number);
    }

    public static PrefectVersion of(String text) {
        PrefectVersion v = parse(text);
        if (v == null) {
            throw new IllegalArgumentException("not a version: " + text);
        }
        return v;
    }

    public boolean isAtLeast(PrefectVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean isBefore(PrefectVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(PrefectVersion o) {
        int n = Math.max(release.size(), o.release.size());
        for (int i = 0; i < n; i++) {
            int a = i < release.size() ? release.get(i) : 0;
            int b = i < o.release.size() ? o.release.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        if (phase != o.phase) {
            return Integer.compare(phase, o.phase);
        }
        return Integer.compare(phaseNumber, o.phaseNumber);
    }
}
