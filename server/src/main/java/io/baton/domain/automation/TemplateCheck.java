package io.baton.domain.automation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;

/**
 * A structural check of a Jinja template as automation actions use them: every {@code {{ }}},
 * {@code {% %}} and {@code {# #}} is closed, and block tags ({@code if}, {@code for}, ...) are balanced.
 * It does not evaluate expressions.
 */
public final class TemplateCheck {

    private static final Set<String> BLOCKS = Set.of("if", "for", "macro", "call", "filter", "set", "block", "with",
            "raw", "autoescape");

    public record Error(int line, String message) {}

    private TemplateCheck() {}

    public static Optional<Error> check(String template) {
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf('{', i);
            if (start < 0 || start + 1 >= template.length()) {
                break;
            }
            char kind = template.charAt(start + 1);
            String close = switch (kind) {
                case '{' -> "}}";
                case '%' -> "%}";
                case '#' -> "#}";
                default -> null;
            };
            if (close == null) {
                i = start + 1;
                continue;
            }
            int end = template.indexOf(close, start + 2);
            if (end < 0) {
                return Optional.of(new Error(line(template, start), kind == '{'
                        ? "unexpected end of template, expected 'end of print statement'."
                        : kind == '%' ? "unexpected end of template, expected 'end of statement block'."
                        : "Missing end of comment tag"));
            }
            if (kind == '%') {
                String[] words = template.substring(start + 2, end).replace("-", " ").trim().split("\\s+");
                String tag = words.length == 0 ? "" : words[0];
                boolean inlineSet = tag.equals("set") && template.substring(start + 2, end).contains("=");
                if (BLOCKS.contains(tag) && !inlineSet) {
                    open.push(tag);
                } else if (tag.startsWith("end") && BLOCKS.contains(tag.substring(3))) {
                    if (open.isEmpty() || !open.peek().equals(tag.substring(3))) {
                        return Optional.of(new Error(line(template, start), "Encountered unknown tag '" + tag + "'."));
                    }
                    open.pop();
                }
            }
            i = end + 2;
        }
        if (!open.isEmpty()) {
            return Optional.of(new Error(line(template, template.length()),
                    "Unexpected end of template. Jinja was looking for the following tags: 'end" + open.peek()
                            + "'. The innermost block that needs to be closed is '" + open.peek() + "'."));
        }
        return Optional.empty();
    }

    private static int line(String text, int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
