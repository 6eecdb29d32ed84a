package io.baton.templating;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import io.baton.domain.deployment.ParameterHydration;
import java.util.Map;

/**
 * User jinja templates rendered with Jinjava, bounded like Prefect's sandboxed environment (output size, render
 * and macro depth, container sizes) so that a template cannot exhaust the server.
 */
public final class JinjaTemplates implements ParameterHydration.Templates {

    private static final Jinjava JINJA = new Jinjava(JinjavaConfig.newBuilder()
            .withMaxOutputSize(1_000_000)
            .withMaxRenderDepth(10)
            .withMaxMacroRecursionDepth(10)
            .withMaxStringLength(1_000_000)
            .withMaxListSize(10_000)
            .withMaxMapSize(10_000)
            .withNestedInterpretationEnabled(false)
            .withFailOnUnknownTokens(false)
            .build());

    /** The one bounded engine every user template in the server renders with. */
    public static Jinjava engine() {
        return JINJA;
    }

    @Override
    public String render(String template) throws ParameterHydration.TemplateException {
        RenderResult result;
        try {
            result = JINJA.renderForResult(template, Map.of());
        } catch (RuntimeException e) {
            throw new ParameterHydration.TemplateException(String.valueOf(e.getMessage()));
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new ParameterHydration.TemplateException(error.getMessage()
                        + (error.getLineno() > 0 ? "\n  line " + error.getLineno() : ""));
            }
        }
        return result.getOutput();
    }
}
