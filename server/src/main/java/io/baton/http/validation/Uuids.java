package io.baton.http.validation;

import java.util.Locale;
import java.util.regex.Pattern;

/** UUID text parsing with the acceptance rules and error wording Pydantic reports. */
final class Uuids {
    /** The UUID path convertor's pattern: hex digits, hyphens optional, either case. */
    private static final Pattern PATH_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final int[] GROUP_LENGTHS = {8, 4, 4, 4, 12};

    private Uuids() {}

    static boolean matchesPathConvertor(String raw) {
        return PATH_UUID.matcher(raw).matches();
    }

    /** Result: either canonical lowercase hyphenated text, or the reason the text is not a UUID. */
    record Parsed(String canonical, String error) {}

    static Parsed parse(String text) {
        String body = text;
        int offset = 0;
        if (body.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            body = body.substring(9);
            offset = 9;
        } else if (body.length() >= 2 && body.startsWith("{") && body.endsWith("}")) {
            body = body.substring(1, body.length() - 1);
            offset = 1;
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '-' && Character.digit(c, 16) < 0 || c > 127) {
                return new Parsed(null, "invalid character: expected an optional prefix of `urn:uuid:` followed by "
                        + "[0-9a-fA-F-], found `" + c + "` at " + (offset + i + 1));
            }
        }
        String hex;
        if (body.indexOf('-') < 0) {
            if (body.length() != 32) {
                return new Parsed(null, "invalid length: expected length 32 for simple format, found "
                        + body.length());
            }
            hex = body;
        } else {
            String[] groups = body.split("-", -1);
            if (groups.length != 5) {
                return new Parsed(null, "invalid group count: expected 5, found " + groups.length);
            }
            for (int g = 0; g < 5; g++) {
                if (groups[g].length() != GROUP_LENGTHS[g]) {
                    return new Parsed(null, "invalid group length in group " + g + ": expected "
                            + GROUP_LENGTHS[g] + ", found " + groups[g].length());
                }
            }
            hex = String.join("", groups);
        }
        hex = hex.toLowerCase(Locale.ROOT);
        String canonical = hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20);
        return new Parsed(canonical, null);
    }
}
