package io.baton.domain.block;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kind of block (Secret, S3 Bucket, ...): its name, unique slug and documentation. */
public record BlockType(UUID id, Instant created, Instant updated, String name, String slug, String logoUrl,
        String documentationUrl, String description, String codeExample, boolean isProtected) {

    /** Prefect reserves names starting with "prefect" (any case) for its own block types. */
    public static boolean isReservedName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).startsWith("prefect");
    }

    /**
     * Whether an update's fields ({@code logo_url}, {@code documentation_url}, {@code description},
     * {@code code_example}; absent keys untouched) differ from this type's. Prefect writes only on a real change,
     * comparing description and code example with HTML entities decoded, so that older clients re-sending a
     * registered (even protected) type's details neither fail nor rewrite it.
     */
    public boolean changedBy(Map<String, String> details) {
        for (Map.Entry<String, String> e : details.entrySet()) {
            String current = switch (e.getKey()) {
                case "logo_url" -> logoUrl;
                case "documentation_url" -> documentationUrl;
                case "description" -> description;
                case "code_example" -> codeExample;
                default -> throw new IllegalArgumentException("Not an updatable block type field: " + e.getKey());
            };
            boolean text = e.getKey().equals("description") || e.getKey().equals("code_example");
            String given = text ? unescapeHtml(e.getValue()) : e.getValue();
            if (!Objects.equals(given, text ? unescapeHtml(current) : current)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);");

    /** Decodes numeric character references and the XML named entities. */
    static String unescapeHtml(String s) {
        if (s == null || s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String decoded = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int cp = name.charAt(1) == 'x' || name.charAt(1) == 'X'
                            ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                    yield Character.isValidCodePoint(cp) ? Character.toString(cp) : m.group();
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(out);
        return out.toString();
    }
}
