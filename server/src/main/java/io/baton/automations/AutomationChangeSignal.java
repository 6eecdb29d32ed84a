package io.baton.automations;

/** Tells this process's trigger engine (once it runs) that an automation was created, changed or deleted. */
public final class AutomationChangeSignal {

    private volatile Runnable listener = () -> { };

    public void listen(Runnable listener) {
        this.listener = listener;
    }

    public void changed() {
        listener.run();
    }
}
