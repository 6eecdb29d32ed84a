package io.baton.domain.automation.trigger;

import java.util.List;
import java.util.regex.Pattern;

/** Event names as triggers name them: exact, or with {@code *} standing for any characters. */
public record EventNamePattern(List<Pattern> patterns) {

    static EventNamePattern of(List<String> names) {
        return new EventNamePattern(names.stream().map(EventNamePattern::compile).toList());
    }

    private static Pattern compile(String name) {
        StringBuilder regex = new StringBuilder();
        String[] parts = name.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(regex.toString());
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean matches(String event) {
        for (Pattern p : patterns) {
            if (p.matcher(event).matches()) {
                return true;
            }
        }
        return false;
    }
}
