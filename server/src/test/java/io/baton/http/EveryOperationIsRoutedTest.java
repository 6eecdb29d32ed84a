package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.Contract;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every operation of the published schema reaches a handler: a request with the declared method, path
 * parameters filled with a random UUID or a plausible name, must not be answered by the router itself
 * ("no such route": 404 {@code {"detail":"Not Found"}} or 405). A handler's own 404 ("Flow run not found")
 * or a 422 for the empty body both prove the route exists.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class EveryOperationIsRoutedTest {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");

    @Parameter
    DbKind db;

    @Test
    void noOperationAnswersNoSuchRoute() {
        ApiClient api = new ApiClient(TestServers.shared(db)).unvalidated();
        List<String> unrouted = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Contract.Route route : Contract.get().routes()) {
            String path = fill(route);
            Object body = switch (route.method()) {
                case "POST", "PUT", "PATCH" -> "{}";
                default -> null;
            };
            ApiClient.Response response = api.send(route.method(), path, body, Map.of());
            if (isNoSuchRoute(response)) {
                unrouted.add(route.method() + " " + route.template() + " -> " + response.status());
            } else if (response.status() >= 500) {
                failed.add(route.method() + " " + route.template() + " -> " + response.status() + " " + response.raw());
            }
        }
        assertThat(unrouted).as("operations answered by the router's own 404/405").isEmpty();
        assertThat(failed).as("operations answering a server error for an empty request").isEmpty();
    }

    /** The router's answers: an unknown path is a bare "Not Found", a known path with another method 405. */
    static boolean isNoSuchRoute(ApiClient.Response response) {
        if (response.status() == 405) {
            return true;
        }
        JsonNode body = response.body();
        return response.status() == 404 && body != null && body.size() == 1
                && "Not Found".equals(body.path("detail").asText());
    }

    private static String fill(Contract.Route route) {
        Matcher m = PATH_PARAM.matcher(route.template());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(route.operation(), m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(JsonNode operation, String name) {
        for (JsonNode param : operation.path("parameters")) {
            if (!"path".equals(param.path("in").asText()) || !name.equals(param.path("name").asText())) {
                continue;
            }
            JsonNode schema = param.path("schema");
            if ("uuid".equals(schema.path("format").asText())) {
                return UUID.randomUUID().toString();
            }
            if (schema.path("$ref").asText().endsWith("/Countable")) {
                return "event";
            }
        }
        return "name-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
