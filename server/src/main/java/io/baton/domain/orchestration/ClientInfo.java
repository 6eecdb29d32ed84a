package io.baton.domain.orchestration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client facts some rules depend on. {@code clientVersion} comes from {@code User-Agent: prefect/<ver> (API <api>)};
 * {@code apiVersion} from {@code X-PREFECT-API-VERSION}. Either is null when absent or unparseable; a null API
 * version means "newest", a null client version means "old" (rules decide).
 */
public record ClientInfo(PrefectVersion clientVersion, PrefectVersion apiVersion) {

    public static final ClientInfo UNKNOWN = new ClientInfo(null, null);
    public static final PrefectVersion API_0_8_4 = PrefectVersion.of("0.8.4");

    private static final Pattern USER_AGENT = Pattern.compile("prefect/(\\S+)(?:\\s+\\(API\\s+([^)\\s]+)\\))?.*");

    public static ClientInfo fromHeaders(String userAgent, String apiVersionHeader) {
        PrefectVersion api = PrefectVersion.parse(apiVersionHeader);
        return new ClientInfo(clientVersionFromUserAgent(userAgent), api);
    }

    public static PrefectVersion clientVersionFromUserAgent(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        Matcher m = USER_AGENT.matcher(userAgent.trim());
        return m.matches() ? PrefectVersion.parse(m.group(1)) : null;
    }

    /** The API version the User-Agent advertises, or null. */
    public static PrefectVersion apiVersionFromUserAgent(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        Matcher m = USER_AGENT.matcher(userAgent.trim());
        return m.matches() && m.group(2) != null ? PrefectVersion.parse(m.group(2)) : null;
    }

    /** True for a null (newest) API version or one at least {@code 0.8.4}: pause/retry bookkeeping applies. */
    public boolean apiAtLeast084() {
        return apiVersion == null || apiVersion.isAtLeast(API_0_8_4);
    }

    public static ClientInfo of(String clientVersion) {
        return new ClientInfo(PrefectVersion.parse(clientVersion), null);
    }
}
