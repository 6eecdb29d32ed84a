package io.baton.domain.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.automation.Automation;
import io.baton.domain.automation.AutomationSpec;
import io.baton.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A flow run notification policy of Prefect 3.0-3.7 (notify through a block when a flow run enters one of
 * {@code stateNames}, optionally only for runs with one of {@code tags}), served as an automation: the mapping
 * Prefect's own migration applied when it dropped the policies (an event trigger on
 * {@code prefect.flow-run.<State>} per flow run, tags as related resources, a send-notification action whose
 * body is the policy's template with its placeholders turned into Jinja).
 */
public record NotificationPolicy(boolean isActive, List<String> stateNames, List<String> tags, UUID blockDocumentId,
                                 String messageTemplate) {

    /** The automations that stand for policies carry this name and description. */
    public static final String AUTOMATION_NAME = "Flow Run State Change Notification";
    public static final String AUTOMATION_DESCRIPTION = "Flow run notification policy";
    static final String SUBJECT = "Prefect flow run notification";

    static final String DEFAULT_BODY = """

            Flow run {{ flow.name }}/{{ flow_run.name }} observed in state `{{ flow_run.state.name }}` at \
            {{ flow_run.state.timestamp }}.
            Flow ID: {{ flow_run.flow_id }}
            Flow run ID: {{ flow_run.id }}
            Flow run URL: {{ flow_run|ui_url }}
            State message: {{ flow_run.state.message }}
            """;

    /** The policy template's placeholders and the Jinja expressions that replace them. */
    static final Map<String, String> PLACEHOLDERS = placeholders();

    private static Map<String, String> placeholders() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("flow_run_notification_policy_id", "Event ID {{ event.id }}");
        m.put("flow_id", "{{ flow.id }}");
        m.put("flow_name", "{{ flow.name }}");
        m.put("flow_run_url", "{{ flow_run|ui_url }}");
        m.put("flow_run_id", "{{ flow_run.id }}");
        m.put("flow_run_name", "{{ flow_run.name }}");
        m.put("flow_run_parameters", "{{ flow_run.parameters }}");
        m.put("flow_run_state_type", "{{ flow_run.state.type }}");
        m.put("flow_run_state_name", "{{ flow_run.state.name }}");
        m.put("flow_run_state_timestamp", "{{ flow_run.state.timestamp }}");
        m.put("flow_run_state_message", "{{ flow_run.state.message }}");
        return m;
    }

    /** Whether {@code name} is one of the placeholders a policy template may use. */
    public static boolean isPlaceholder(String name) {
        return PLACEHOLDERS.containsKey(name);
    }

    /** The automation standing for this policy. */
    public AutomationSpec toAutomation() {
        ObjectNode trigger = Json.object();
        trigger.put("type", "event");
        trigger.put("id", UUID.randomUUID().toString());
        trigger.set("after", Json.array());
        trigger.set("match", Json.object().put("prefect.resource.id", "prefect.flow-run.*"));
        ArrayNode expect = trigger.putArray("expect");
        if (stateNames.isEmpty()) {
            expect.add("prefect.flow-run.*");
        } else {
            stateNames.stream().distinct().forEach(s -> expect.add("prefect.flow-run." + s));
        }
        trigger.put("within", 10.0);
        trigger.put("posture", "Reactive");
        trigger.set("for_each", Json.array().add("prefect.resource.id"));
        trigger.put("threshold", 1);
        ObjectNode matchRelated = Json.object();
        if (!tags.isEmpty()) {
            ArrayNode ids = matchRelated.putArray("prefect.resource.id");
            tags.forEach(t -> ids.add("prefect.tag." + t));
            matchRelated.put("prefect.resource.role", "tag");
        }
        trigger.set("match_related", matchRelated);
        ObjectNode action = Json.object();
        action.put("type", "send-notification");
        action.put("block_document_id", blockDocumentId.toString());
        action.put("subject", SUBJECT);
        action.put("body", messageTemplate == null ? DEFAULT_BODY : jinja(messageTemplate));
        return new AutomationSpec(AUTOMATION_NAME, AUTOMATION_DESCRIPTION, isActive, List.of(), trigger,
                Json.array().add(action), Json.array(), Json.array());
    }

    /** The policy an automation stands for; empty for any other automation. */
    public static Optional<NotificationPolicy> of(Automation a) {
        if (!AUTOMATION_NAME.equals(a.name()) || !AUTOMATION_DESCRIPTION.equals(a.description())
                || a.actions() == null || a.actions().size() != 1
                || !"send-notification".equals(a.actions().get(0).path("type").asText())) {
            return Optional.empty();
        }
        JsonNode trigger = a.trigger();
        List<String> states = new ArrayList<>();
        trigger.path("expect").forEach(e -> {
            String name = e.asText().substring(e.asText().lastIndexOf("prefect.flow-run.") + "prefect.flow-run.".length());
            if (!name.equals("*")) {
                states.add(name);
            }
        });
        List<String> tags = new ArrayList<>();
        trigger.path("match_related").path("prefect.resource.id").forEach(t -> {
            String id = t.asText();
            tags.add(id.startsWith("prefect.tag.") ? id.substring("prefect.tag.".length()) : id);
        });
        JsonNode action = a.actions().get(0);
        String body = action.path("body").asText(null);
        UUID block;
        try {
            block = UUID.fromString(action.path("block_document_id").asText());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new NotificationPolicy(a.enabled(), states, tags, block,
                body == null || body.equals(DEFAULT_BODY) ? null : template(body)));
    }

    /** {@code {flow_name}} placeholders to Jinja; other braces stay as they are. */
    static String jinja(String template) {
        String out = template;
        for (Map.Entry<String, String> p : PLACEHOLDERS.entrySet()) {
            out = out.replace("{" + p.getKey() + "}", p.getValue());
        }
        return out;
    }

    /** The reverse of {@link #jinja}, so a policy reads back the template it was given. */
    static String template(String body) {
        String out = body;
        for (Map.Entry<String, String> p : PLACEHOLDERS.entrySet()) {
            out = out.replace(p.getValue(), "{" + p.getKey() + "}");
        }
        return out;
    }

    /** Prefect 3.0's {@code FlowRunNotificationPolicy} JSON. */
    public ObjectNode toJson(UUID id, java.time.Instant created, java.time.Instant updated) {
        ObjectNode o = Json.object();
        o.put("id", id.toString());
        o.put("created", Json.timestamp(created));
        o.put("updated", Json.timestamp(updated));
        o.put("is_active", isActive);
        ArrayNode states = o.putArray("state_names");
        stateNames.forEach(states::add);
        ArrayNode t = o.putArray("tags");
        tags.forEach(t::add);
        o.put("block_document_id", blockDocumentId.toString());
        o.put("message_template", messageTemplate);
        return o;
    }
}
