package io.baton.automations.actions;

/** An action that could not do its work; the reason goes into {@code prefect.automation.action.failed}. */
public final class ActionFailed extends RuntimeException {

    public ActionFailed(String reason) {
        super(reason, null, false, false);
    }
}
